using System.Text;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Tests.Support;

/// <summary>The client side of SCRAM (RFC 5802), for tests that play a client against the server: it computes the proof from the password.</summary>
/// <param name="doubledNonce">Sends the client nonce again ahead of the server's whole nonce, as librdkafka before 2.6.1 does.</param>
internal sealed class ScramClient(ScramMechanism mechanism, string user, string password, string nonce = "fyko+d2lbbFgONRv9qkxdawL", bool doubledNonce = false)
{
    private string _clientFirstBare = "";

    public string ServerSignature { get; private set; } = "";

    public byte[] First()
    {
        _clientFirstBare = $"n={user.Replace("=", "=3D").Replace(",", "=2C")},r={nonce}";
        return Encoding.UTF8.GetBytes("n,," + _clientFirstBare);
    }

    public byte[] Final(byte[] serverFirst)
    {
        var text = Encoding.UTF8.GetString(serverFirst);
        var fields = text.Split(',').ToDictionary(f => f[..1], f => f[2..]);
        var salted = ScramCredential.SaltedPassword(mechanism, password, Convert.FromBase64String(fields["s"]), int.Parse(fields["i"]));
        var withoutProof = $"c=biws,r={(doubledNonce ? nonce : "")}{fields["r"]}";
        var authMessage = Encoding.UTF8.GetBytes($"{_clientFirstBare},{text},{withoutProof}");
        var clientKey = ScramCredential.Hmac(mechanism, salted, "Client Key"u8);
        var signature = ScramCredential.Hmac(mechanism, ScramCredential.Hash(mechanism, clientKey), authMessage);
        var proof = clientKey.Zip(signature, (k, s) => (byte)(k ^ s)).ToArray();
        ServerSignature = "v=" + Convert.ToBase64String(ScramCredential.Hmac(mechanism, ScramCredential.Hmac(mechanism, salted, "Server Key"u8), authMessage));
        return Encoding.UTF8.GetBytes($"{withoutProof},p={Convert.ToBase64String(proof)}");
    }
}
