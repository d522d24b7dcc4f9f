package org.bxiemu.launcher;

import picocli.CommandLine;

/** Version from the jar manifest when packaged, else "development". */
final class Version implements CommandLine.IVersionProvider {
    static String current() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"bxiemu " + current()};
    }
}
