package org.bxiemu.nic.portals;

/** Options of a memory descriptor (initiator side). */
public enum MdOption {
    /** No SEND events at all. */
    EVENT_SEND_DISABLE,
    /** No full events that report success (failures are still reported). */
    EVENT_SUCCESS_DISABLE,
    /** Count SEND events on the MD's CT. */
    EVENT_CT_SEND,
    /** Count REPLY events on the MD's CT. */
    EVENT_CT_REPLY,
    /** Count ACK events (full, counting and operation-completed acks) on the MD's CT. */
    EVENT_CT_ACK,
    /** Count bytes (length for SEND, mlength otherwise) instead of events; failures still count one. */
    EVENT_CT_BYTES
}
