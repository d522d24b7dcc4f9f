package org.bxiemu.engine;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.util.HashMap;
import java.util.Map;
import org.bxiemu.protocol.engine.Payload;

/**
 * Converts an event's message to and from the typed {@link Payload} oneof when it leaves its
 * partition. Only protobuf messages declared in {@code Payload} may cross; in-process records
 * (state a node's kernel and cores share by reference) must stay inside their partition.
 */
final class Payloads {
    private static final OneofDescriptor KIND = Payload.getDescriptor().getOneofs().get(0);
    private static final Map<Descriptor, FieldDescriptor> FIELD_BY_TYPE = new HashMap<>();

    static {
        for (FieldDescriptor f : KIND.getFields()) FIELD_BY_TYPE.put(f.getMessageType(), f);
    }

    private Payloads() {}

    /** Whether {@code message} may cross partitions (a protobuf message listed in {@code Payload}). */
    static boolean canWrap(Object message) {
        return message instanceof Message m && FIELD_BY_TYPE.containsKey(m.getDescriptorForType());
    }

    static Payload wrap(Object message, String senderId) {
        if (message instanceof Message m) {
            FieldDescriptor field = FIELD_BY_TYPE.get(m.getDescriptorForType());
            if (field != null) return Payload.newBuilder().setField(field, m).build();
        }
        throw new IllegalStateException(senderId + " sent a " + message.getClass().getName()
                + " to another partition; only the protobuf messages listed in engine.proto's Payload may cross");
    }

    static Object unwrap(Payload payload) {
        FieldDescriptor field = payload.getOneofFieldDescriptor(KIND);
        if (field == null) {
            throw new IllegalArgumentException("event payload from another partition has no known kind "
                    + "(was it sent by a JVM of another bxiemu version?)");
        }
        return payload.getField(field);
    }
}
