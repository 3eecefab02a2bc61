namespace ActorBroker.Kafka.Security.Sasl;

/// <summary>The SCRAM encodings of names and nonces (RFC 5802 §5.1).</summary>
internal static class ScramNames
{
    /// <summary>A saslname with "=2C" for ',' and "=3D" for '='; any other '=' makes it malformed.</summary>
    public static bool TryUnescape(string saslName, out string name)
    {
        name = saslName;
        if (!saslName.Contains('=')) return !saslName.Contains(',');
        var unescaped = new System.Text.StringBuilder(saslName.Length);
        for (var i = 0; i < saslName.Length; i++)
        {
            var c = saslName[i];
            if (c == ',') return false;
            if (c != '=')
            {
                unescaped.Append(c);
                continue;
            }

            var code = i + 3 <= saslName.Length ? saslName.Substring(i + 1, 2) : "";
            if (code == "2C") unescaped.Append(',');
            else if (code == "3D") unescaped.Append('=');
            else return false;
            i += 2;
        }

        name = unescaped.ToString();
        return true;
    }

    /// <summary>printable = %x21-2B / %x2D-7E: visible ASCII but ','.</summary>
    public static bool IsNonce(string nonce) => nonce.Length > 0 && nonce.All(c => c is >= '!' and <= '~' and not ',');
}
