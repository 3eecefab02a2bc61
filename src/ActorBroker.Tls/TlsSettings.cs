using Akka.Configuration;

namespace ActorBroker.Tls;

/// <summary>
/// The <c>actorbroker.tls</c> section: whether this process's Akka.Remote endpoint runs mutual TLS, and the files it
/// needs. A node must choose (<see cref="ForNode"/>); a client that says nothing runs plain TCP (<see cref="ForClient"/>),
/// which only a node that chose plain TCP accepts.
/// </summary>
public sealed record TlsSettings
{
    public const string Section = "actorbroker.tls";
    public const string EnabledKey = Section + ".enabled";
    public const string CaKey = Section + ".ca";
    public const string CertificateKey = Section + ".certificate";
    public const string PasswordKey = Section + ".password";
    public const string RevokedKey = Section + ".revoked";

    /// <summary>Mutual TLS on remoting: on, or plain TCP: off.</summary>
    public required bool Enabled { get; init; }

    /// <summary>The cluster CA's certificate (PEM or DER): peers are trusted when their certificate chains to it.</summary>
    public string Ca { get; init; } = "";

    /// <summary>This process's certificate and private key, a PKCS#12 (.pfx) file issued by <see cref="Ca"/>.</summary>
    public string Certificate { get; init; } = "";

    /// <summary>The PKCS#12 file's password; empty for none.</summary>
    public string Password { get; init; } = "";

    /// <summary>
    /// Serial numbers of certificates the CA issued that are no longer trusted, in hexadecimal as openssl prints them
    /// (<c>openssl x509 -noout -serial</c>), normalized to upper case without separators.
    /// </summary>
    public IReadOnlyList<string> Revoked { get; init; } = [];

    public static TlsSettings Off { get; } = new() { Enabled = false };

    /// <summary>
    /// A node's settings: <c>enabled</c> must be written down, on or off, because a node's remoting port is the
    /// cluster's front door and plain TCP there must be a decision, not an oversight.
    /// </summary>
    public static TlsSettings ForNode(Config config) => Read(config, choiceRequired: true);

    /// <summary>A client's settings: without <c>enabled</c> the client speaks plain TCP, which a TLS node refuses.</summary>
    public static TlsSettings ForClient(Config config) => Read(config, choiceRequired: false);

    /// <summary>Whether <paramref name="config"/> turns TLS on; says nothing about whether the rest of the section is right.</summary>
    public static bool IsOn(Config config) =>
        config.HasPath(EnabledKey) && config.GetString(EnabledKey)?.Trim().ToLowerInvariant() is "on" or "true" or "yes";

    private static TlsSettings Read(Config config, bool choiceRequired)
    {
        if (!config.HasPath(EnabledKey))
        {
            if (!choiceRequired) return Off;
            throw new TlsConfigException(EnabledKey,
                $"{EnabledKey} is not set: a node's remoting port needs an explicit choice, on (mutual TLS: set {CaKey}, {CertificateKey} " +
                $"and {PasswordKey}, e.g. to files made by 'actorbroker certs create') or off (plain TCP: unauthenticated and unencrypted)");
        }

        var enabled = config.GetString(EnabledKey)?.Trim().ToLowerInvariant() switch
        {
            "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            var other => throw new TlsConfigException(EnabledKey, $"{EnabledKey} must be on or off, was '{other}'"),
        };
        if (!enabled) return Off;

        var settings = new TlsSettings
        {
            Enabled = true,
            Ca = RequiredPath(config, CaKey),
            Certificate = RequiredPath(config, CertificateKey),
            Password = config.HasPath(PasswordKey) ? config.GetString(PasswordKey) ?? "" : "",
            Revoked = RevokedSerials(config),
        };
        return settings;
    }

    private static IReadOnlyList<string> RevokedSerials(Config config)
    {
        if (!config.HasPath(RevokedKey)) return [];
        IList<string> values;
        try
        {
            values = config.GetStringList(RevokedKey);
        }
        catch (Exception e) when (e is ConfigurationException or InvalidCastException or FormatException)
        {
            throw new TlsConfigException(RevokedKey, $"{RevokedKey} must be a list of serial numbers, e.g. [\"4F0A9C...\"]: {e.Message}", e);
        }

        return values.Select(v => CertificateSerial.Normalize(v) ?? throw new TlsConfigException(RevokedKey,
            $"{RevokedKey}: '{v}' is not a certificate serial number (hexadecimal, as 'openssl x509 -noout -serial' prints it)")).ToArray();
    }

    private static string RequiredPath(Config config, string key)
    {
        var value = config.HasPath(key) ? config.GetString(key) : null;
        if (string.IsNullOrWhiteSpace(value))
            throw new TlsConfigException(key, $"{key} is empty, but {EnabledKey} is on: name the file ('actorbroker certs create' makes one), or set {EnabledKey} = off for plain TCP");
        return value;
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() =>
        Enabled ? $"TlsSettings {{ Enabled = True, Ca = {Ca}, Certificate = {Certificate}, Password = {(Password.Length == 0 ? "(none)" : "***")}, Revoked = {Revoked.Count} }}" : "TlsSettings { Enabled = False }";
}
