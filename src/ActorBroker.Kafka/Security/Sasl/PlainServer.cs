using System.Text;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Security.Sasl;

/// <summary>
/// SASL/PLAIN (RFC 4616): one message, <c>authzid NUL authcid NUL passwd</c>. The password is checked against the
/// user's stored SCRAM credential (SHA-256, else SHA-512), so one credential store serves PLAIN and SCRAM, and no
/// password is ever stored.
/// </summary>
internal sealed class PlainServer(ICredentialStore credentials) : ISaslServer
{
    // Kafka's message for any PLAIN failure: it does not tell a wrong password from an unknown user.
    private const string ClientMessage = "Authentication failed: Invalid username or password";

    // Checked when the user has no credential, so that an unknown user costs the same PBKDF2 as a wrong password.
    private static readonly Lazy<ScramCredential> Decoy = new(() => ScramCredential.Create(ScramMechanism.ScramSha256, Guid.NewGuid().ToString()));

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private bool _done;

    public string Mechanism => SaslMechanismNames.Plain;

    public SaslStep Evaluate(ReadOnlySpan<byte> token)
    {
        if (_done) return new SaslStep.Failure(null, "a PLAIN token after the exchange ended", ClientMessage);
        _done = true;
        if (!TryParse(token, out var authzid, out var user, out var password, out var malformed)) return new SaslStep.Failure(null, malformed, ClientMessage);
        if (authzid.Length > 0 && authzid != user)
            return new SaslStep.Failure(user, $"authorization id '{authzid}' differs from the user (acting for another user is not supported)", ClientMessage);

        var credential = credentials.Find(user, ScramMechanism.ScramSha256) ?? credentials.Find(user, ScramMechanism.ScramSha512);
        if (credential is null)
        {
            _ = Decoy.Value.Matches(password);
            return new SaslStep.Failure(user, "no such user", ClientMessage);
        }

        return credential.Matches(password) ? new SaslStep.Success(user, []) : new SaslStep.Failure(user, "wrong password", ClientMessage);
    }

    /// <summary>Splits the message at its two NULs; false with the reason when it is not a PLAIN message.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> token, out string authzid, out string user, out string password, out string malformed)
    {
        authzid = user = password = "";
        var first = token.IndexOf((byte)0);
        var second = first < 0 ? -1 : token[(first + 1)..].IndexOf((byte)0);
        if (second < 0)
        {
            malformed = "a PLAIN message without two NUL separators";
            return false;
        }

        second += first + 1;
        try
        {
            authzid = StrictUtf8.GetString(token[..first]);
            user = StrictUtf8.GetString(token[(first + 1)..second]);
            password = StrictUtf8.GetString(token[(second + 1)..]);
        }
        catch (DecoderFallbackException)
        {
            malformed = "a PLAIN message that is not UTF-8";
            return false;
        }

        // A third NUL would be inside the password, where RFC 4616 forbids it.
        malformed = user.Length == 0 ? "a PLAIN message without a user name"
            : password.Length == 0 ? "a PLAIN message without a password"
            : password.Contains('\0') ? "a PLAIN message with more than two NUL separators"
            : "";
        return malformed.Length == 0;
    }
}
