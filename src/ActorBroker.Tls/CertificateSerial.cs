using System.Security.Cryptography.X509Certificates;

namespace ActorBroker.Tls;

/// <summary>Certificate serial numbers in one spelling: upper-case hexadecimal without separators or leading zero bytes.</summary>
public static class CertificateSerial
{
    /// <summary>
    /// The serial of <paramref name="text"/> as openssl (<c>serial=4F0A...</c>), .NET or a browser writes it (colons,
    /// spaces and a <c>serial=</c> prefix allowed), or null when it is not hexadecimal.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (text is null) return null;
        var hex = text.Trim();
        if (hex.StartsWith("serial=", StringComparison.OrdinalIgnoreCase)) hex = hex["serial=".Length..];
        hex = hex.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (hex.Length == 0 || !hex.All(char.IsAsciiHexDigit)) return null;
        if (hex.Length % 2 == 1) hex = "0" + hex;
        // DER keeps a leading zero byte before a high first byte; openssl prints it, .NET too: strip both alike.
        while (hex.Length > 2 && hex.StartsWith("00", StringComparison.Ordinal)) hex = hex[2..];
        return hex;
    }

    public static string Of(X509Certificate2 certificate) => Normalize(certificate.SerialNumber)!;
}
