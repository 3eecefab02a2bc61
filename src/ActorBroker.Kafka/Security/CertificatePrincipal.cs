using System.Security.Cryptography.X509Certificates;
using ActorBroker.Tls;

namespace ActorBroker.Kafka.Security;

/// <summary>The Kafka principal of a TLS client certificate: <c>User:</c> and its subject (<see cref="CertificateSubject"/>).</summary>
public static class CertificatePrincipal
{
    public static KafkaPrincipal Of(X509Certificate2 certificate) => KafkaPrincipal.User(CertificateSubject.Rfc2253(certificate.SubjectName));
}
