package org.bxiemu.mpi.runtime.offload;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bxiemu.mpi.collective.Buffer;

/** A buffer's elements as the little-endian bytes node memory and the NIC's atomics hold. */
final class Bytes {
    private Bytes() {}

    static byte[] of(Buffer buffer) {
        ByteBuffer b = ByteBuffer.allocate((int) buffer.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < buffer.count(); i++) {
            switch (buffer.datatype()) {
                case INT -> b.putInt(buffer.intData()[i]);
                case LONG -> b.putLong(buffer.longData()[i]);
                case DOUBLE -> b.putDouble(buffer.doubleData()[i]);
            }
        }
        return b.array();
    }

    static void into(byte[] data, Buffer buffer) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < buffer.count(); i++) {
            switch (buffer.datatype()) {
                case INT -> buffer.intData()[i] = b.getInt();
                case LONG -> buffer.longData()[i] = b.getLong();
                case DOUBLE -> buffer.doubleData()[i] = b.getDouble();
            }
        }
    }
}
