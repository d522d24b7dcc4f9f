package org.bxiemu.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.NotSerializableException;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.bxiemu.protocol.engine.AdmissionMessage;
import org.bxiemu.protocol.engine.ConductorMessage;
import org.bxiemu.protocol.engine.JoinerMessage;
import org.bxiemu.protocol.engine.PartitionMessage;

/** Pekko serializer for {@link WireEnvelope}s: the envelope travels as its protobuf bytes. */
public final class WireEnvelopeSerializer extends SerializerWithStringManifest {
    private static final String PARTITION = "P";
    private static final String CONDUCTOR = "C";
    private static final String ADMISSION = "A";
    private static final String JOINER = "J";

    @Override
    public int identifier() {
        return 0x62786965; // "bxie"
    }

    @Override
    public String manifest(Object o) {
        if (o instanceof Partition.Wire) return PARTITION;
        if (o instanceof Conductor.Wire) return CONDUCTOR;
        if (o instanceof Admission.Wire) return ADMISSION;
        if (o instanceof Joiner.Wire) return JOINER;
        throw new IllegalArgumentException("not a bxiemu wire envelope: " + o.getClass().getName());
    }

    @Override
    public byte[] toBinary(Object o) {
        return ((WireEnvelope) o).message().toByteArray();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        try {
            return switch (manifest) {
                case PARTITION -> new Partition.Wire(PartitionMessage.parseFrom(bytes));
                case CONDUCTOR -> new Conductor.Wire(ConductorMessage.parseFrom(bytes));
                case ADMISSION -> new Admission.Wire(AdmissionMessage.parseFrom(bytes));
                case JOINER -> new Joiner.Wire(JoinerMessage.parseFrom(bytes));
                default -> throw new NotSerializableException("unknown bxiemu wire manifest '" + manifest + "'");
            };
        } catch (InvalidProtocolBufferException e) {
            throw new NotSerializableException("malformed bxiemu wire message (" + manifest + "): " + e.getMessage());
        }
    }
}
