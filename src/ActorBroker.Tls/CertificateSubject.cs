using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ActorBroker.Tls;

/// <summary>
/// The principal of a TLS client certificate as Kafka's default principal builder names it: <c>User:</c> and the
/// subject in RFC 2253 form, most specific part first, no spaces (<c>User:CN=alice,OU=eng,O=corp</c>), which is what
/// ACLs written for Apache Kafka's SSL listeners say. Both doors name certificate holders this way.
/// </summary>
public static class CertificateSubject
{
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["2.5.4.3"] = "CN",
        ["2.5.4.11"] = "OU",
        ["2.5.4.10"] = "O",
        ["2.5.4.7"] = "L",
        ["2.5.4.8"] = "ST",
        ["2.5.4.6"] = "C",
        ["2.5.4.9"] = "STREET",
        ["0.9.2342.19200300.100.1.25"] = "DC",
        ["0.9.2342.19200300.100.1.1"] = "UID",
    };

    /// <summary><c>User:</c> and the subject, as an ACL names the certificate's holder.</summary>
    public static string Principal(X509Certificate2 certificate) => "User:" + Rfc2253(certificate.SubjectName);

    public static string Rfc2253(X500DistinguishedName name)
    {
        var parts = new List<string>();
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames(reversed: true))
        {
            if (rdn.HasMultipleElements)
            {
                // Rare (CN=a+UID=b); .NET's own rendering of the whole name keeps such names distinct.
                return name.Decode(X500DistinguishedNameFlags.UseCommas | X500DistinguishedNameFlags.Reversed).Replace(", ", ",", StringComparison.Ordinal);
            }

            var type = rdn.GetSingleElementType().Value ?? "";
            parts.Add($"{ShortNames.GetValueOrDefault(type, type)}={Escape(rdn.GetSingleElementValue() ?? "")}");
        }

        return string.Join(',', parts);
    }

    /// <summary>RFC 2253's escapes: the separators and quotes anywhere, '#' and a space first, a space last.</summary>
    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var special = c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' || (i == 0 && c is '#' or ' ') || (i == value.Length - 1 && c == ' ');
            if (special) text.Append('\\');
            text.Append(c);
        }

        return text.ToString();
    }
}
