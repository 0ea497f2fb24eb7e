using System;
using System.IO;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ConnectTools.Client
{
    /// <summary>Loads a CA bundle (PEM, possibly several certificates, or DER) and validates a server certificate against it.</summary>
    public static class TlsTrust
    {
        public static X509Certificate2Collection LoadBundle(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new ConnectInputException("CaBundle", "The CA bundle path is empty. Give the path of a PEM or DER file of CA certificates.");
            string full = Path.GetFullPath(path);
            if (!File.Exists(full))
                throw new ConnectInputException("CaBundle", $"The CA bundle file '{full}' does not exist. Give the path of a PEM or DER file of CA certificates.");

            byte[] bytes = File.ReadAllBytes(full);
            var collection = new X509Certificate2Collection();
            string text = Encoding.ASCII.GetString(bytes);
            const string begin = "-----BEGIN CERTIFICATE-----", end = "-----END CERTIFICATE-----";
            int at = text.IndexOf(begin, StringComparison.Ordinal);
            try
            {
                if (at < 0)
                {
                    collection.Add(Certificate(bytes));
                }
                while (at >= 0)
                {
                    int stop = text.IndexOf(end, at, StringComparison.Ordinal);
                    if (stop < 0) break;
                    string b64 = text.Substring(at + begin.Length, stop - at - begin.Length);
                    collection.Add(Certificate(Convert.FromBase64String(b64.Replace("\r", "").Replace("\n", "").Trim())));
                    at = text.IndexOf(begin, stop, StringComparison.Ordinal);
                }
            }
            catch (Exception e) when (e is FormatException || e is System.Security.Cryptography.CryptographicException)
            {
                throw new ConnectInputException("CaBundle", $"The CA bundle file '{full}' is not a PEM or DER certificate file ({e.Message.TrimEnd('.')}).");
            }
            if (collection.Count == 0)
                throw new ConnectInputException("CaBundle", $"The CA bundle file '{full}' holds no certificate. Expected PEM blocks '{begin}' or a DER certificate.");
            return collection;
        }

        private static X509Certificate2 Certificate(byte[] der) =>
#if NET9_0_OR_GREATER
            X509CertificateLoader.LoadCertificate(der);
#else
            new X509Certificate2(der);
#endif

        /// <summary>
        /// Accepts a certificate the system already trusts, or one that chains (name checks still apply) to a
        /// certificate of the bundle, or that is itself in the bundle (a self-signed server certificate).
        /// </summary>
        internal static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection trusted)
        {
            if (errors == SslPolicyErrors.None) return true;
            if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
            if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) return false;

            var server = new X509Certificate2(certificate);
            foreach (var ca in trusted)
                if (ca.Thumbprint == server.Thumbprint) return true;

            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            chain.ChainPolicy.ExtraStore.AddRange(trusted);
            if (!chain.Build(server))
            {
                foreach (var status in chain.ChainStatus)
                    if (status.Status != X509ChainStatusFlags.UntrustedRoot && status.Status != X509ChainStatusFlags.NoError) return false;
            }
            var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
            foreach (var ca in trusted)
                if (ca.Thumbprint == root.Thumbprint) return true;
            return false;
        }
    }
}
