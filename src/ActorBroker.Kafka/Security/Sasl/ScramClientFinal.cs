namespace ActorBroker.Kafka.Security.Sasl;

/// <summary>A SCRAM client-final-message (RFC 5802 §7): <c>c=channel-binding,r=nonce[,extensions],p=proof</c>.</summary>
/// <param name="ChannelBinding">Base64 of the gs2 header (and of channel binding data, which is not supported).</param>
/// <param name="WithoutProof">The message up to the proof: the last part of the AuthMessage.</param>
internal sealed record ScramClientFinal(string ChannelBinding, string Nonce, byte[] Proof, string WithoutProof)
{
    public static bool TryParse(string message, out ScramClientFinal final, out string malformed)
    {
        final = null!;
        var proofAt = message.LastIndexOf(",p=", StringComparison.Ordinal);
        var fields = message.Split(',');
        if (proofAt < 0 || fields.Length < 3 || !fields[0].StartsWith("c=", StringComparison.Ordinal) || !fields[1].StartsWith("r=", StringComparison.Ordinal))
        {
            malformed = "the message is not c=...,r=...,p=...";
            return false;
        }

        var proof = new byte[64];
        if (!Convert.TryFromBase64String(message[(proofAt + 3)..], proof, out var written))
        {
            malformed = "the proof is not base64";
            return false;
        }

        final = new ScramClientFinal(fields[0][2..], fields[1][2..], proof[..written], message[..proofAt]);
        malformed = "";
        return true;
    }
}
