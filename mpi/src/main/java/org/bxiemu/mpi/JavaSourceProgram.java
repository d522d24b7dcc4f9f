package org.bxiemu.mpi;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.bxiemu.engine.BadInputException;

/**
 * A rank program written by the user as one Java source file ({@code job.program = "Halo.java"}):
 * compiled in memory with the JDK's compiler against bxiemu's classes when the platform is built,
 * so a researcher writes a program and runs it without touching the build. The file's public
 * class, named after the file, implements {@link RankProgram} and has a public no-argument
 * constructor; each rank runs its own instance.
 */
public final class JavaSourceProgram {
    private JavaSourceProgram() {}

    /** Whether {@code program} (the value of job.program) names a source file rather than a built-in. */
    public static boolean isSource(String program) {
        return program.endsWith(".java");
    }

    /** Compiles {@code source}; one line naming the file and the first error when it does not compile. */
    public static RankProgram compile(Path source) {
        String name = source.getFileName().toString();
        if (!Files.isRegularFile(source)) throw new BadInputException("job.program: " + source + ": no such file");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new BadInputException("job.program: " + name + ": compiling a rank program needs a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null);
        InMemoryClasses classes = new InMemoryClasses(standard);
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none",
                "-encoding", "UTF-8");
        boolean ok = compiler.getTask(null, classes, diagnostics, options, null,
                standard.getJavaFileObjects(source.toFile())).call();
        if (!ok) {
            Diagnostic<? extends JavaFileObject> first = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).findFirst().orElse(null);
            throw new BadInputException("job.program: " + name + (first == null ? ": does not compile"
                    : ":" + first.getLineNumber() + ": " + first.getMessage(Locale.ROOT).lines().findFirst().orElse("")));
        }
        String simple = name.substring(0, name.length() - ".java".length());
        ClassLoader loader = new ClassLoader(JavaSourceProgram.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String binaryName) throws ClassNotFoundException {
                byte[] bytes = classes.compiled.get(binaryName);
                if (bytes == null) throw new ClassNotFoundException(binaryName);
                return defineClass(binaryName, bytes, 0, bytes.length);
            }
        };
        String main = classes.compiled.keySet().stream()
                .filter(c -> c.equals(simple) || c.endsWith("." + simple)).findFirst()
                .orElseThrow(() -> new BadInputException("job.program: " + name + ": no class " + simple + " in it"));
        try {
            Class<?> type = loader.loadClass(main);
            if (!RankProgram.class.isAssignableFrom(type)) {
                throw new BadInputException("job.program: " + name + ": " + simple + " does not implement "
                        + RankProgram.class.getName());
            }
            var constructor = type.getConstructor();
            constructor.newInstance(); // fails now, not in every rank, when it cannot be made
            return mpi -> ((RankProgram) constructor.newInstance()).run(mpi);
        } catch (ReflectiveOperationException e) {
            throw new BadInputException("job.program: " + name + ": " + simple
                    + " needs a public no-argument constructor (" + e + ")");
        }
    }

    /** Keeps the compiled classes in memory, by binary name. */
    private static final class InMemoryClasses extends ForwardingJavaFileManager<JavaFileManager> {
        final TreeMap<String, byte[]> compiled = new TreeMap<>();

        InMemoryClasses(JavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("memory:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            compiled.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
