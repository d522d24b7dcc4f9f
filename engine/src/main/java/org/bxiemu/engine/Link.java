package org.bxiemu.engine;

/**
 * The wiring behind one port of one component. Latency belongs to links: a component never
 * adds transit time of its own, only an extra delay it models (e.g. serialisation).
 */
sealed interface Link permits Link.PointToPoint, Link.Mesh {
    String name();

    long latency();

    int peers();

    /** Global index of the component at peer {@code i}. */
    int target(int i);

    /** Port index on that component where events arrive. */
    int targetPort(int i);

    /** One end of a point-to-point link. */
    record PointToPoint(String name, long latency, int target, int targetPort) implements Link {
        @Override
        public int peers() {
            return 1;
        }

        @Override
        public int target(int i) {
            return target;
        }

        @Override
        public int targetPort(int i) {
            return targetPort;
        }
    }

    /** All-to-all link between members; every member reaches every member, itself included. */
    record Mesh(String name, long latency, int[] members, int[] memberPorts) implements Link {
        @Override
        public int peers() {
            return members.length;
        }

        @Override
        public int target(int i) {
            return members[i];
        }

        @Override
        public int targetPort(int i) {
            return memberPorts[i];
        }
    }
}
