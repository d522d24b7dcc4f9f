package org.bxiemu.engine;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.google.protobuf.Message;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * State images of components (docs/engine.md, "Checkpoints"): a group of components (a node
 * with its cores, kernel and NIC; a switch) and the events pending for them, written with Kryo
 * as one object graph, so that what the group's components share by reference stays shared.
 * What a component is made of rather than what it has become — its ports and links, its
 * settings' functions (routers, fault plans), the engine's sink — is declared {@code transient}:
 * it is not written, and a restored component takes it from a component freshly built from the
 * same configuration ({@link #relink}), then {@link Component#onRestored} re-derives what
 * depends on both. A group whose state holds code (a program's fiber, a handler) cannot be
 * imaged: {@link #write} then says why, and the checkpoint is resumed by re-execution instead.
 */
final class ComponentImages {
    private ComponentImages() {}

    /** An event pending at the checkpoint, with its place in the total order. */
    record PendingEvent(long time, long order, int target, int port, Object payload) {}

    /** A group's components (in platform order) and the events pending for them (in total order). */
    record GroupImage(Component[] components, PendingEvent[] events) {}

    /** A group's image as bytes, or why it has none. */
    record Written(byte[] bytes, String gap) {}

    /**
     * One writer per thread, kept across groups and checkpoints: a Kryo instance costs more to
     * make than most groups to write, and it forgets each graph's references and class names
     * once the graph is written.
     */
    private static final ThreadLocal<Kryo> WRITER = ThreadLocal.withInitial(() -> kryo(null));

    static Written write(GroupImage image) {
        try {
            Output out = new Output(4 * 1024, -1);
            WRITER.get().writeObject(out, image);
            return new Written(out.toBytes(), null);
        } catch (KryoException | UnsupportedOperationException | IllegalArgumentException
                | java.lang.reflect.InaccessibleObjectException e) {
            return new Written(null, why(e));
        }
    }

    /**
     * Reads groups' images with one Kryo instance (a partition reads all of its groups' at once);
     * their components' ports are those of the freshly built components ({@code freshPorts}: a
     * component's index to its ports), so that port identities hold.
     */
    static final class Reader {
        private final Kryo kryo;

        Reader(java.util.function.IntFunction<Port[]> freshPorts) {
            this.kryo = kryo(freshPorts);
        }

        GroupImage read(byte[] bytes) {
            return kryo.readObject(new Input(bytes), GroupImage.class);
        }
    }

    /**
     * Gives {@code restored} the parts it was not imaged with, from {@code fresh} (the same
     * component built anew from the run's configuration): every transient field, class by class.
     */
    static void relink(Component restored, Component fresh) {
        if (restored.getClass() != fresh.getClass()) {
            throw new IllegalStateException(fresh.id() + " was imaged as a " + restored.getClass().getName()
                    + ", the platform builds a " + fresh.getClass().getName());
        }
        for (Class<?> c = fresh.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isTransient(m) || Modifier.isStatic(m)) continue;
                try {
                    f.setAccessible(true);
                    f.set(restored, f.get(fresh));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot relink " + c.getName() + "." + f.getName(), e);
                }
            }
        }
        restored.onRestored();
    }

    /** The first line of Kryo's account, and the innermost field it was in: what holds the code. */
    private static String why(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        String[] lines = message.split("\n");
        String first = lines[0];
        if (first.contains("hidden class") || first.contains("Lambda")) first = "it holds code (a lambda)";
        if (e instanceof java.lang.reflect.InaccessibleObjectException || first.contains("InaccessibleObject")) {
            first = "this JVM does not open java.util to bxiemu (./bxiemu passes --add-opens=java.base/java.util=ALL-UNNAMED)";
        }
        String field = null;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("Serialization trace:") && i + 1 < lines.length) field = lines[i + 1].strip();
        }
        return field == null ? first : first + ", in " + field;
    }

    private static Kryo kryo(java.util.function.IntFunction<Port[]> freshPorts) {
        Kryo k = new Kryo();
        k.setRegistrationRequired(false);
        k.setReferences(true);
        // components have no no-argument constructor: they are made without one, then filled in
        k.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        FieldSerializer.FieldSerializerConfig fields = new FieldSerializer.FieldSerializerConfig();
        fields.setIgnoreSyntheticFields(false); // an inner class's outer instance (Component.Occupancy)
        SerializerFactory.FieldSerializerFactory byField = new SerializerFactory.FieldSerializerFactory(fields);
        k.setDefaultSerializer(byField);
        // Collections.unmodifiable* wrappers field by field too (their wrapped collection, its own
        // kind): filling one element by element, as for other collections, is what they forbid
        for (String wrapper : new String[] {"UnmodifiableCollection", "UnmodifiableMap"}) {
            try {
                k.addDefaultSerializer(Class.forName("java.util.Collections$" + wrapper), byField);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("java.util.Collections$" + wrapper + " is part of every JDK", e);
            }
        }
        k.addDefaultSerializer(Message.class, new ProtobufSerializer());
        k.addDefaultSerializer(Port.class, new PortSerializer(freshPorts));
        return k;
    }

    /** A port is structure: written as its component's index and its own, read as the fresh component's. */
    private static final class PortSerializer extends Serializer<Port> {
        private final java.util.function.IntFunction<Port[]> freshPorts;

        PortSerializer(java.util.function.IntFunction<Port[]> freshPorts) {
            this.freshPorts = freshPorts;
        }

        @Override
        public void write(Kryo kryo, Output output, Port port) {
            output.writeInt(port.owner);
            output.writeInt(port.index());
        }

        @Override
        public Port read(Kryo kryo, Input input, Class<? extends Port> type) {
            int owner = input.readInt();
            int index = input.readInt();
            if (owner < 0) return Port.SELF;
            Port[] ports = freshPorts.apply(owner);
            if (ports == null || index < 0 || index >= ports.length) {
                throw new KryoException("port " + index + " of component " + owner + " is not on this platform");
            }
            return ports[index];
        }
    }

    /** Wire messages by their protobuf bytes: immutable, so shared freely. */
    private static final class ProtobufSerializer extends Serializer<Message> {
        private static final Map<Class<?>, Method> PARSERS = new ConcurrentHashMap<>();

        ProtobufSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, Message message) {
            byte[] bytes = message.toByteArray();
            output.writeVarInt(bytes.length, true);
            output.writeBytes(bytes);
        }

        @Override
        public Message read(Kryo kryo, Input input, Class<? extends Message> type) {
            byte[] bytes = input.readBytes(input.readVarInt(true));
            try {
                Method parse = PARSERS.computeIfAbsent(type, t -> {
                    try {
                        return t.getMethod("parseFrom", byte[].class);
                    } catch (NoSuchMethodException e) {
                        throw new KryoException("not a generated protobuf message: " + t.getName());
                    }
                });
                return (Message) parse.invoke(null, (Object) bytes);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new KryoException("cannot parse a " + type.getName() + ": " + e.getMessage());
            }
        }
    }
}
