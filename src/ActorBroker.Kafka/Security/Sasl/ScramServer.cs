using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Security.Sasl;

/// <summary>
/// The server side of SCRAM-SHA-256 / SCRAM-SHA-512 (RFC 5802, RFC 7677) without channel binding, in two rounds:
/// client-first → server-first (the client's nonce with ours appended, the salt, the iterations), then client-final →
/// server-final (our signature, which proves to the client that we hold its credential). Only StoredKey and ServerKey
/// are needed: the server never sees nor derives the password.
/// </summary>
internal sealed class ScramServer : ISaslServer
{
    // A per-process key for the salts of users that do not exist: the same unknown user gets the same salt each time,
    // as a real one would, so that two attempts do not tell the difference.
    private static readonly byte[] DecoySaltKey = RandomNumberGenerator.GetBytes(32);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ScramMechanism _mechanism;
    private readonly ICredentialStore _credentials;
    private readonly Func<string> _serverNonce;
    private readonly string _clientMessage;
    private State _state = State.AwaitingClientFirst;
    private ScramClientFirst? _first;
    private ScramCredential? _credential;
    private bool _userExists;
    private string _serverFirst = "";

    /// <param name="serverNonce">Our part of the nonce; random unless a test fixes it.</param>
    public ScramServer(ScramMechanism mechanism, ICredentialStore credentials, Func<string>? serverNonce = null)
    {
        _mechanism = mechanism;
        _credentials = credentials;
        _serverNonce = serverNonce ?? RandomNonce;
        Mechanism = mechanism.SaslName();
        // Kafka's message for a failed SCRAM exchange, whatever the cause.
        _clientMessage = $"Authentication failed during authentication due to invalid credentials with SASL mechanism {Mechanism}";
    }

    private enum State
    {
        AwaitingClientFirst,
        AwaitingClientFinal,
        Done,
    }

    public string Mechanism { get; }

    public SaslStep Evaluate(ReadOnlySpan<byte> token)
    {
        var state = _state;
        // Whatever happens now, this round is the last for this state: a failure ends the exchange.
        _state = state == State.AwaitingClientFirst ? State.AwaitingClientFinal : State.Done;
        string message;
        try
        {
            message = StrictUtf8.GetString(token);
        }
        catch (DecoderFallbackException)
        {
            return Fail("a message that is not UTF-8");
        }

        return state switch
        {
            State.AwaitingClientFirst => ClientFirst(message),
            State.AwaitingClientFinal => ClientFinal(message),
            _ => Fail("a message after the exchange ended"),
        };
    }

    private SaslStep ClientFirst(string message)
    {
        if (!ScramClientFirst.TryParse(message, out var first, out var malformed)) return Fail($"client-first-message: {malformed}");
        _first = first;
        // KIP-48 delegation tokens authenticate through SCRAM with this extension; the door has no tokens.
        if (first.Extensions.TryGetValue("tokenauth", out var tokenAuth) && tokenAuth.Equals("true", StringComparison.OrdinalIgnoreCase))
            return Fail("delegation tokens (tokenauth) are not supported");

        var stored = _credentials.Find(first.User, _mechanism);
        _userExists = stored is not null;
        // A user without a credential gets a made-up one and a server-first like any other; only the proof then fails.
        _credential = stored ?? Decoy(first.User);
        _serverFirst = $"r={first.Nonce}{_serverNonce()},s={Convert.ToBase64String(_credential.Salt)},i={_credential.Iterations.ToString(CultureInfo.InvariantCulture)}";
        return new SaslStep.Challenge(Encoding.UTF8.GetBytes(_serverFirst));
    }

    private SaslStep ClientFinal(string message)
    {
        var first = _first!;
        var credential = _credential!;
        if (!ScramClientFinal.TryParse(message, out var final, out var malformed)) return Fail($"client-final-message: {malformed}");
        if (final.ChannelBinding != Convert.ToBase64String(Encoding.UTF8.GetBytes(first.Gs2Header))) return Fail("the channel binding does not match the gs2 header");
        var nonce = _serverFirst[2.._serverFirst.IndexOf(',')];
        // librdkafka before 2.6.1 sends its own nonce again ahead of the whole one (confluentinc/librdkafka#4895; Kafka
        // 3.x let it through, Kafka 4 does not): that exact form is accepted, as Debian's kcat is built on such a
        // librdkafka. The proof is computed over the nonce as sent, so it still covers the server's part.
        if (final.Nonce != nonce && final.Nonce != first.Nonce + nonce) return Fail("the nonce is not the one the server sent");

        var authMessage = Encoding.UTF8.GetBytes($"{first.Bare},{_serverFirst},{final.WithoutProof}");
        var clientSignature = ScramCredential.Hmac(_mechanism, credential.StoredKey, authMessage);
        if (final.Proof.Length != clientSignature.Length) return Fail("the proof has the wrong length");
        // ClientKey = ClientProof XOR ClientSignature; the proof is right when H(ClientKey) is the StoredKey.
        var clientKey = new byte[clientSignature.Length];
        for (var i = 0; i < clientKey.Length; i++) clientKey[i] = (byte)(final.Proof[i] ^ clientSignature[i]);
        var proven = CryptographicOperations.FixedTimeEquals(ScramCredential.Hash(_mechanism, clientKey), credential.StoredKey);
        if (!_userExists) return Fail("no such user");
        if (!proven) return Fail("wrong password");

        var serverSignature = ScramCredential.Hmac(_mechanism, credential.ServerKey, authMessage);
        return new SaslStep.Success(first.User, Encoding.UTF8.GetBytes($"v={Convert.ToBase64String(serverSignature)}"));
    }

    private SaslStep.Failure Fail(string reason)
    {
        _state = State.Done;
        return new SaslStep.Failure(_first?.User, reason, _clientMessage);
    }

    private ScramCredential Decoy(string user)
    {
        var salt = ScramCredential.Hmac(_mechanism, DecoySaltKey, Encoding.UTF8.GetBytes(user))[..32];
        var size = ScramCredential.KeyLength(_mechanism);
        return new ScramCredential(_mechanism, salt, ScramCredential.MinIterations, RandomNumberGenerator.GetBytes(size), RandomNumberGenerator.GetBytes(size));
    }

    // 24 base64 characters: visible ASCII without ',', as a nonce must be.
    private static string RandomNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
}
