using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Auth;
using ConnectTools.Client;
using ConnectTools.Emulator;
using ConnectTools.Enumeration;
using Xunit;

namespace ConnectTools.Core.Tests
{
    public class TlsTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "connecttools-tls-" + Guid.NewGuid().ToString("N"));
        private readonly X509Certificate2 _certificate;
        private readonly string _pem;

        public TlsTests()
        {
            Directory.CreateDirectory(_dir);
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=ConnectTools test emulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
            _pem = Path.Combine(_dir, "ca.pem");
            File.WriteAllText(_pem, _certificate.ExportCertificatePem());
        }

        public void Dispose()
        {
            _certificate.Dispose();
            Directory.Delete(_dir, true);
        }

        private Task<EmulatorHarness> HttpsEmulator() => EmulatorHarness.StartAsync(o => o.Certificate = _certificate);

        [Fact]
        public async Task AnUntrustedCertificateIsAClearTlsError()
        {
            await using var h = await HttpsEmulator();
            Assert.Equal("https", h.Emulator.Url.Scheme);
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => h.Client().DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal("TlsFailure", e.ErrorCode);
            Assert.Equal(1, e.Attempts); // a retry cannot make the certificate trusted
            Assert.Contains("-CaBundle", e.Message);
            Assert.Contains("-SkipCertificateCheck", e.Message);
            Assert.Equal(0, h.Emulator.Stats.TotalRequests);
        }

        [Fact]
        public async Task TheCertificateGivenAsCaBundleIsTrusted()
        {
            await using var h = await HttpsEmulator();
            var instance = await h.Client(http: new HttpSettings { CaBundle = _pem }).DescribeInstanceAsync(h.Instance.Id);
            Assert.Equal(h.Instance.Id, instance.Id);
        }

        [Fact]
        public async Task SkipCertificateCheckConnects()
        {
            await using var h = await HttpsEmulator();
            var instance = await h.Client(http: new HttpSettings { SkipCertificateCheck = true }).DescribeInstanceAsync(h.Instance.Id);
            Assert.Equal(h.Instance.Id, instance.Id);
        }

        [Fact]
        public async Task AnotherCertificateInTheBundleDoesNotMakeTheServerTrusted()
        {
            await using var h = await HttpsEmulator();
            using var otherKey = RSA.Create(2048);
            using var other = new CertificateRequest("CN=someone else", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            string otherPem = Path.Combine(_dir, "other.pem");
            File.WriteAllText(otherPem, other.ExportCertificatePem());
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() =>
                h.Client(http: new HttpSettings { CaBundle = otherPem }, env: new Dictionary<string, string?> { ["AWS_MAX_ATTEMPTS"] = "1" }).DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal("TlsFailure", e.ErrorCode);
        }

        [Theory]
        [InlineData("missing.pem", "does not exist")]
        [InlineData("garbage.pem", "not a PEM or DER certificate file")]
        [InlineData("empty.pem", "not a PEM or DER certificate file")]
        public void BadCaBundlesAreInputErrors(string file, string expected)
        {
            File.WriteAllText(Path.Combine(_dir, "garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
            File.WriteAllText(Path.Combine(_dir, "empty.pem"), "hello");
            var e = Assert.Throws<ConnectInputException>(() => TlsTrust.LoadBundle(Path.Combine(_dir, file)));
            Assert.Equal("CaBundle", e.ParamName);
            Assert.Contains(expected, e.Message);
        }
    }

    /// <summary>
    /// The secret key and session token never appear in anything ConnectTools produces or the emulator logs: verbose
    /// lines, attempt reports, exception messages and ToString(), output objects, the emulator's log and records.
    /// </summary>
    public class SecretTests
    {
        private const string AccessKey = "AKIDSECRETTEST000001";
        private const string Secret = "SeCrEt-should-never-print-9f8e7d6c";
        private const string Token = "ToKeN-should-never-print-1a2b3c4d5e";

        [Fact]
        public async Task SecretsAppearInNoOutputOfAnyScenario()
        {
            var seen = new List<string>();
            var log = new List<string>();
            await using var h = await EmulatorHarness.StartAsync(o =>
            {
                o.Credentials[AccessKey] = Secret;
                o.GeneratedUsers = 40;
                o.LogSink = line => { lock (log) log.Add(line); };
            });
            var env = new Dictionary<string, string?> { ["AWS_MAX_ATTEMPTS"] = "2" };
            var aws = AwsResolver.Resolve(new AwsSettings
            {
                AccessKey = AccessKey, SecretKey = Secret, SessionToken = Token, Region = h.Region, Environment = new DictionaryEnvironment(env),
            }, seen.Add);
            seen.Add(aws.CredentialSource);
            seen.Add(aws.ToString()!);
            var client = ConnectClientFactory.Create(new ClientOptions(aws, h.Emulator.Url.ToString(), new HttpSettings(), new DictionaryEnvironment(env)), seen.Add);
            client.AttemptCompleted += (_, a) => { lock (seen) seen.Add(a.Operation + a.ResourceId + a.ErrorCode + a.RequestId + a.ToString()); };

            // Success paths: every operation, and a listing.
            seen.Add((await client.DescribeInstanceAsync(h.Instance.Id)).ToString());
            var monitor = new ListingMonitor();
            foreach (var r in Listings.Users(client, h.Instance.Id, null, null, new ListingOptions(), monitor, CancellationToken.None))
                seen.Add(System.Text.Json.JsonSerializer.Serialize(r.Value) + r.Value);
            while (monitor.TryDequeueMessage(out var m)) seen.Add(m);

            // Failure paths: not found, a fault, a wrong secret, a wrong token is irrelevant to the emulator but must not leak.
            async Task Capture(Func<Task> call)
            {
                try { await call(); }
                catch (Exception e) { seen.Add(e.ToString()); seen.Add(e.Message); }
            }
            await Capture(() => client.DescribeUserAsync(h.Instance.Id, "nobody"));
            h.Emulator.Faults.Add(FaultRule.Error(500, "InternalServiceException", "down", "DescribeInstance"));
            await Capture(() => client.DescribeInstanceAsync(h.Instance.Id));
            h.Emulator.Faults.Clear();
            var wrong = ConnectClientFactory.Create(new ClientOptions(
                AwsResolver.Resolve(new AwsSettings { AccessKey = AccessKey, SecretKey = Secret + "x", SessionToken = Token, Region = h.Region, Environment = new DictionaryEnvironment(env) }, seen.Add),
                h.Emulator.Url.ToString(), new HttpSettings(), new DictionaryEnvironment(env)), seen.Add);
            await Capture(() => wrong.DescribeInstanceAsync(h.Instance.Id));
            foreach (var rec in h.Emulator.Stats.Requests) seen.Add(rec.ToString());

            Assert.True(log.Count > 10, "the emulator logged the requests");
            Assert.Contains(seen, s => s.Contains("InvalidSignatureException"));
            foreach (var text in seen.Concat(log))
            {
                Assert.DoesNotContain(Secret, text);
                Assert.DoesNotContain(Token, text);
            }
        }
    }
}
