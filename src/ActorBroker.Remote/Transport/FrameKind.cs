namespace ActorBroker.Remote.Transport;

/// <summary>The first byte of every frame body. Values are part of the wire format: never renumber.</summary>
internal enum FrameKind : byte
{
    /// <summary>Outbound side introduces itself: protocol version, its address and uid, the address it meant to reach.</summary>
    Handshake = 1,

    /// <summary>Inbound side accepts: its uid and address.</summary>
    HandshakeAck = 2,

    /// <summary>Inbound side refuses (quarantined incarnation, wrong address, unsupported version) with a reason.</summary>
    HandshakeReject = 3,

    /// <summary>A user message: recipient, sender, serializer id, manifest, payload.</summary>
    Message = 4,

    /// <summary>Watch, unwatch, death notification or stop, between an actor and a remote actor.</summary>
    SystemMessage = 5,

    /// <summary>A message for an actor selection resolved on the receiving node.</summary>
    Selection = 6,
}

/// <summary>The system message carried by a <see cref="FrameKind.SystemMessage"/> frame.</summary>
internal enum RemoteSystemMessageKind : byte
{
    Watch = 1,
    Unwatch = 2,
    DeathWatchNotification = 3,
    Stop = 4,
}
