using System.Security.Cryptography;
using System.Text;

namespace ActorBroker.Protocol.Security;

/// <summary>
/// What the cluster stores of a user's password for one SCRAM mechanism (RFC 5802): the salt, the iteration count,
/// StoredKey = H(HMAC(SaltedPassword, "Client Key")) and ServerKey = HMAC(SaltedPassword, "Server Key"). The password
/// itself is never stored nor sent to the cluster: whoever sets a password computes this on their side, as Kafka's
/// AlterUserScramCredentials does.
/// </summary>
public sealed record ScramCredential(ScramMechanism Mechanism, byte[] Salt, int Iterations, byte[] StoredKey, byte[] ServerKey)
{
    /// <summary>Kafka's minimum and default iteration count (4096, RFC 7677's recommendation).</summary>
    public const int MinIterations = 4096;

    /// <summary>Kafka's maximum iteration count.</summary>
    public const int MaxIterations = 16384;

    /// <summary>The credential of <paramref name="password"/> with a fresh random salt (or <paramref name="salt"/>, for tests).</summary>
    public static ScramCredential Create(ScramMechanism mechanism, string password, int iterations = MinIterations, byte[]? salt = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (iterations is < MinIterations or > MaxIterations)
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, $"SCRAM iterations must be {MinIterations}..{MaxIterations}");
        salt ??= RandomNumberGenerator.GetBytes(32);
        return FromSaltedPassword(mechanism, salt, iterations, SaltedPassword(mechanism, password, salt, iterations));
    }

    /// <summary>
    /// The credential of an already salted password (Kafka's AlterUserScramCredentials sends SaltedPassword =
    /// Hi(password, salt, iterations), never the password).
    /// </summary>
    public static ScramCredential FromSaltedPassword(ScramMechanism mechanism, byte[] salt, int iterations, ReadOnlySpan<byte> saltedPassword) =>
        new(mechanism, salt, iterations, Hash(mechanism, Hmac(mechanism, saltedPassword, "Client Key"u8)), Hmac(mechanism, saltedPassword, "Server Key"u8));

    /// <summary>Whether <paramref name="password"/> is the one this credential was made from (SASL/PLAIN checks passwords this way).</summary>
    public bool Matches(string password)
    {
        var salted = SaltedPassword(Mechanism, password, Salt, Iterations);
        return CryptographicOperations.FixedTimeEquals(Hash(Mechanism, Hmac(Mechanism, salted, "Client Key"u8)), StoredKey);
    }

    /// <summary>Hi(password, salt, i) of RFC 5802: PBKDF2 with the mechanism's HMAC over the UTF-8 password.</summary>
    public static byte[] SaltedPassword(ScramMechanism mechanism, string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashName(mechanism), KeyLength(mechanism));

    public static byte[] Hmac(ScramMechanism mechanism, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) => mechanism switch
    {
        ScramMechanism.ScramSha256 => HMACSHA256.HashData(key, data),
        ScramMechanism.ScramSha512 => HMACSHA512.HashData(key, data),
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism)),
    };

    public static byte[] Hash(ScramMechanism mechanism, ReadOnlySpan<byte> data) => mechanism switch
    {
        ScramMechanism.ScramSha256 => SHA256.HashData(data),
        ScramMechanism.ScramSha512 => SHA512.HashData(data),
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism)),
    };

    private static HashAlgorithmName HashName(ScramMechanism mechanism) =>
        mechanism == ScramMechanism.ScramSha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;

    /// <summary>The bytes of a salted password, StoredKey and ServerKey: the mechanism's hash size.</summary>
    public static int KeyLength(ScramMechanism mechanism) => mechanism == ScramMechanism.ScramSha512 ? 64 : 32;
}
