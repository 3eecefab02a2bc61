using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace ActorBroker.Tls;

/// <summary>
/// The files of <c>actorbroker certs create</c> in one directory: <c>ca.crt</c> (PEM, give it to every node and client
/// as <c>actorbroker.tls.ca</c>), <c>ca.key</c> (the CA's private key, PEM, encrypted with the password when there is
/// one; keep it off the nodes), and per name <c>NAME.pfx</c> (PKCS#12 with the private key, <c>actorbroker.tls.certificate</c>)
/// and <c>NAME.crt</c> (PEM, for inspection). A directory that already has a CA gets new certificates from it, so
/// nodes can be added later; an existing NAME is never overwritten.
/// </summary>
public sealed partial class CertificateDirectory(string path)
{
    public const string CaCertificateFile = "ca.crt";
    public const string CaKeyFile = "ca.key";

    // Key files readable by their owner only.
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Path { get; } = path;

    public string CaCertificatePath => System.IO.Path.Combine(Path, CaCertificateFile);

    public string CaKeyPath => System.IO.Path.Combine(Path, CaKeyFile);

    public string CertificatePath(string name) => System.IO.Path.Combine(Path, name + ".pfx");

    /// <summary>Names become file names and DNS names: letters, digits, '.', '-' and '_'.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>
    /// Makes the CA unless the directory has one, then a node certificate for each of <paramref name="names"/> and a
    /// client certificate for each of <paramref name="clients"/>. Returns the files written.
    /// </summary>
    public IReadOnlyList<string> Create(IReadOnlyList<string> names, string password, TimeSpan validity, string caName, TimeProvider time,
        IReadOnlyList<string>? clients = null)
    {
        clients ??= [];
        if (names.Intersect(clients).FirstOrDefault() is { } both) throw new ArgumentException($"'{both}' is named both as a node and as a client", nameof(clients));
        foreach (var name in names.Concat(clients))
        {
            if (!IsValidName(name)) throw new ArgumentException($"'{name}' is not a certificate name (letters, digits, '.', '-' and '_')", nameof(names));
            if (File.Exists(CertificatePath(name))) throw new IOException($"{CertificatePath(name)} exists already; remove it or pick another name");
        }

        Directory.CreateDirectory(Path);
        var written = new List<string>();
        // Backdated a little: a peer whose clock runs behind would otherwise see a certificate that is not valid yet.
        var notBefore = time.GetUtcNow().AddHours(-1);
        using var ca = File.Exists(CaCertificatePath) ? LoadCa(password) : WriteCa(caName, notBefore, notBefore + validity, password, written);
        foreach (var (name, role) in names.Select(n => (n, PeerRole.Node)).Concat(clients.Select(n => (n, PeerRole.Client))))
        {
            using var certificate = ClusterCertificates.Issue(ca, name, notBefore, notBefore + validity, role);
            WriteSecret(CertificatePath(name), certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password));
            File.WriteAllText(System.IO.Path.Combine(Path, name + ".crt"), certificate.ExportCertificatePem() + "\n");
            written.Add(CertificatePath(name));
            written.Add(System.IO.Path.Combine(Path, name + ".crt"));
        }

        return written;
    }

    private X509Certificate2 WriteCa(string caName, DateTimeOffset notBefore, DateTimeOffset notAfter, string password, List<string> written)
    {
        var ca = ClusterCertificates.CreateCa(caName, notBefore, notAfter);
        File.WriteAllText(CaCertificatePath, ca.ExportCertificatePem() + "\n");
        using var key = ca.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the new CA has no ECDSA key");
        var pem = password.Length == 0
            ? key.ExportPkcs8PrivateKeyPem()
            : key.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 600_000));
        WriteSecret(CaKeyPath, System.Text.Encoding.ASCII.GetBytes(pem + "\n"));
        written.Add(CaCertificatePath);
        written.Add(CaKeyPath);
        return ca;
    }

    private X509Certificate2 LoadCa(string password)
    {
        if (!File.Exists(CaKeyPath)) throw new IOException($"{CaCertificatePath} exists but {CaKeyPath} does not: new certificates need the CA's key");
        try
        {
            return password.Length == 0
                ? X509Certificate2.CreateFromPemFile(CaCertificatePath, CaKeyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(CaCertificatePath, password, CaKeyPath);
        }
        catch (CryptographicException e)
        {
            throw new IOException($"cannot use the CA in {Path} (is the password the one it was made with?): {e.Message}", e);
        }
    }

    private static void WriteSecret(string file, byte[] content)
    {
        using var stream = OperatingSystem.IsWindows()
            ? new FileStream(file, FileMode.CreateNew, FileAccess.Write)
            : new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        stream.Write(content);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();
}
