package org.bxiemu.engine;

import com.google.protobuf.Message;

/**
 * An actor message that is a protobuf wire message in a typed envelope, so an actor's protocol
 * can mix wire messages (which cross JVMs, serialised by {@link WireEnvelopeSerializer}) with
 * private in-process records.
 */
public interface WireEnvelope {
    Message message();
}
