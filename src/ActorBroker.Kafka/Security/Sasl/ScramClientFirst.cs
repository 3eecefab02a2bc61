namespace ActorBroker.Kafka.Security.Sasl;

/// <summary>
/// A SCRAM client-first-message (RFC 5802 §7) as Kafka accepts it: <c>n,[a=authzid],n=user,r=nonce[,ext=value...]</c>.
/// No channel binding ("p=" or "y"), no mandatory extensions ("m="); Kafka's extensions (KIP-84's <c>tokenauth</c>)
/// are kept for the server to judge.
/// </summary>
/// <param name="Gs2Header">What precedes the bare message, e.g. <c>n,,</c>: the client-final's channel binding must be its base64.</param>
/// <param name="Bare">The client-first-message-bare, the first part of the AuthMessage the proofs sign.</param>
internal sealed record ScramClientFirst(string Gs2Header, string User, string Nonce, string Bare, IReadOnlyDictionary<string, string> Extensions)
{
    public static bool TryParse(string message, out ScramClientFirst first, out string malformed)
    {
        first = null!;
        if (message.StartsWith("p=", StringComparison.Ordinal) || message.StartsWith("y,", StringComparison.Ordinal))
            return Fail("the client asks for channel binding, which is not supported", out malformed);
        if (!message.StartsWith("n,", StringComparison.Ordinal)) return Fail("the message does not start with a gs2 header", out malformed);

        var headerEnd = message.IndexOf(',', 2);
        if (headerEnd < 0) return Fail("the gs2 header has no end", out malformed);
        var authzField = message[2..headerEnd];
        string? authzid = null;
        if (authzField.Length > 0 && (!authzField.StartsWith("a=", StringComparison.Ordinal) || !ScramNames.TryUnescape(authzField[2..], out authzid)))
            return Fail("the gs2 header's authorization id is malformed", out malformed);

        var bare = message[(headerEnd + 1)..];
        var fields = bare.Split(',');
        if (fields[0].StartsWith("m=", StringComparison.Ordinal)) return Fail("the client sent a mandatory extension (m=)", out malformed);
        if (fields.Length < 2 || !fields[0].StartsWith("n=", StringComparison.Ordinal) || !fields[1].StartsWith("r=", StringComparison.Ordinal))
            return Fail("the message lacks n=user,r=nonce", out malformed);
        if (!ScramNames.TryUnescape(fields[0][2..], out var user) || user.Length == 0) return Fail("the user name is malformed", out malformed);
        var nonce = fields[1][2..];
        if (!ScramNames.IsNonce(nonce)) return Fail("the client nonce is malformed", out malformed);
        if (authzid is not null && authzid != user) return Fail($"authorization id '{authzid}' differs from the user '{user}'", out malformed);

        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields.AsSpan(2))
        {
            var equals = field.IndexOf('=');
            if (equals <= 0) return Fail("an extension is not key=value", out malformed);
            extensions[field[..equals]] = field[(equals + 1)..];
        }

        first = new ScramClientFirst(message[..(headerEnd + 1)], user, nonce, bare, extensions);
        malformed = "";
        return true;
    }

    private static bool Fail(string reason, out string malformed)
    {
        malformed = reason;
        return false;
    }
}
