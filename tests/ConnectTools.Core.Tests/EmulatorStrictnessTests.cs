using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Amazon.Runtime;
using ConnectTools.Auth;
using ConnectTools.Client;
using ConnectTools.Emulator;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>The emulator is as strict as the service by default: signature age, temporary credentials, expiry.</summary>
    public class EmulatorStrictnessTests
    {
        [Fact]
        public async Task SignaturesOlderThanFiveMinutesAreRefusedUnlessATestWidensTheWindow()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var now = DateTimeOffset.UtcNow;
            Assert.Equal(HttpStatusCode.OK, (await SignedGet(h, now.AddMinutes(-4))).StatusCode);
            var old = await SignedGet(h, now.AddMinutes(-6));
            Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
            Assert.Contains("Signature expired", await old.Content.ReadAsStringAsync());
            var future = await SignedGet(h, now.AddMinutes(6));
            Assert.Equal(HttpStatusCode.Forbidden, future.StatusCode);

            h.Emulator.Options.SignatureWindow = TimeSpan.FromMinutes(15);   // the lenient setting, asked for explicitly
            Assert.Equal(HttpStatusCode.OK, (await SignedGet(h, now.AddMinutes(-6))).StatusCode);
        }

        [Fact]
        public async Task IssuedCredentialsNeedTheirSessionTokenAndExpire()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var live = h.Emulator.Issued.Issue("Test", TimeSpan.FromHours(1));
            Assert.NotNull(await h.Client(live.SecretAccessKey, live.AccessKeyId, sessionToken: live.SessionToken).DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal(1, live.Requests);

            var noToken = await Assert.ThrowsAsync<ConnectServiceException>(() => h.Client(live.SecretAccessKey, live.AccessKeyId).DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal("UnrecognizedClientException", noToken.ErrorCode);
            var otherToken = await Assert.ThrowsAsync<ConnectServiceException>(
                () => h.Client(live.SecretAccessKey, live.AccessKeyId, sessionToken: "another-token").DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal("UnrecognizedClientException", otherToken.ErrorCode);

            var expired = h.Emulator.Issued.Issue("Test", TimeSpan.FromSeconds(-1));
            var e = await Assert.ThrowsAsync<ConnectServiceException>(
                () => h.Client(expired.SecretAccessKey, expired.AccessKeyId, sessionToken: expired.SessionToken).DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
            Assert.Equal("ExpiredTokenException", e.ErrorCode);
            Assert.Equal(0, expired.Requests);
        }

        [Fact]
        public async Task EachAttemptIsSignedWithOneSetOfCredentialsEvenWhenTheyChangeOnEveryAsk()
        {
            // The SDK's Signer asks for credentials twice per attempt; these credentials are new on every ask, like
            // refreshing credentials that a refresh replaces in between. Every call must still be consistent.
            await using var h = await EmulatorHarness.StartAsync();
            var changing = new NewOnEveryAsk(h.Emulator.Issued);
            var observed = new ObservedCredentials(changing, "a test source", null);
            var refreshes = 0;
            observed.Fetched += m => { if (m.Contains("refreshed")) System.Threading.Interlocked.Increment(ref refreshes); };
            var aws = new ResolvedAws(observed, "a test source", h.Region, "test", "test:" + Guid.NewGuid());
            var client = ConnectClientFactory.Create(new ClientOptions(aws, h.Emulator.Url.ToString(), new HttpSettings(),
                new DictionaryEnvironment(new System.Collections.Generic.Dictionary<string, string?>())));
            for (var i = 0; i < 5; i++) Assert.NotNull(await client.DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal(5, changing.Asks);   // once per request: every other ask in the request gets the pinned set
            Assert.True(refreshes >= 4, "each new set is reported as a refresh; saw " + refreshes);

            // Without the wrapper (and so without the pin) the same credentials break the signature.
            var bare = ConnectClientFactory.Create(new ClientOptions(new ResolvedAws(new NewOnEveryAsk(h.Emulator.Issued), "bare", h.Region, "test", "bare:" + Guid.NewGuid()),
                h.Emulator.Url.ToString(), new HttpSettings(), new DictionaryEnvironment(new System.Collections.Generic.Dictionary<string, string?>())));
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => bare.DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal("UnrecognizedClientException", e.ErrorCode);
        }

        [Fact]
        public async Task AFailingSourceIsOneConfigurationErrorNamingIt()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var observed = new ObservedCredentials(new Failing(), "credential_process of profile 'x'", "Run it by hand.");
            var aws = new ResolvedAws(observed, "x", h.Region, "test", "fail:" + Guid.NewGuid());
            var client = ConnectClientFactory.Create(new ClientOptions(aws, h.Emulator.Url.ToString(), new HttpSettings()));
            var e = await Assert.ThrowsAsync<ConnectConfigurationException>(() => client.DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal("Credential", e.InputName);
            Assert.Contains("Could not get credentials from credential_process of profile 'x': exit 3: broker down.", e.Message);
            Assert.EndsWith("Run it by hand.", e.Message);
            Assert.Equal(0, h.Emulator.Stats.TotalRequests);
        }

        private sealed class NewOnEveryAsk : AWSCredentials
        {
            private readonly IssuedCredentials _issued;
            private int _asks;

            internal NewOnEveryAsk(IssuedCredentials issued) => _issued = issued;

            internal int Asks => _asks;

            public override ImmutableCredentials GetCredentials()
            {
                System.Threading.Interlocked.Increment(ref _asks);
                var c = _issued.Issue("Test", TimeSpan.FromMinutes(10));
                return new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
            }

            public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromResult(GetCredentials());
        }

        private sealed class Failing : AWSCredentials
        {
            public override ImmutableCredentials GetCredentials() => throw new AmazonClientException("exit 3: broker down");
        }

        private static async Task<HttpResponseMessage> SignedGet(EmulatorHarness h, DateTimeOffset at)
        {
            string amzDate = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), date = amzDate.Substring(0, 8);
            var url = new Uri(h.Emulator.Url, "instance/" + h.Instance.Id);
            string host = url.Authority;
            string canonical = "GET\n" + url.AbsolutePath + "\n\nhost:" + host + "\nx-amz-date:" + amzDate + "\n\nhost;x-amz-date\n" + Hex(SHA256.HashData(Array.Empty<byte>()));
            string scope = date + "/" + h.Region + "/connect/aws4_request";
            string toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
            var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + EmulatorOptions.DemoSecretKey), Encoding.UTF8.GetBytes(date));
            foreach (var part in new[] { h.Region, "connect", "aws4_request" }) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
            string signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
            using var http = new HttpClient();
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
            request.Headers.TryAddWithoutValidation("Authorization",
                "AWS4-HMAC-SHA256 Credential=" + EmulatorOptions.DemoAccessKeyId + "/" + scope + ", SignedHeaders=host;x-amz-date, Signature=" + signature);
            return await http.SendAsync(request);
        }

        private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
    }
}
