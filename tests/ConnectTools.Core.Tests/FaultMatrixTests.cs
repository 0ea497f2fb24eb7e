using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Pacing;
using ConnectTools.Client;
using ConnectTools.Emulator;
using ConnectTools.Enumeration;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>
    /// The fault matrix: each fault against the real client over HTTP. For listings, every user is delivered exactly
    /// once or reported as an error, and the counts add up to the emulator's.
    /// </summary>
    public class FaultMatrixTests
    {
        private static List<ListingResult<ConnectUser>> ListAll(EmulatorHarness h, ConnectClient client, ListingOptions? options = null) =>
            Listings.Users(client, h.Instance.Id, null, null, options ?? new ListingOptions { ThrottleRetryDelay = TimeSpan.FromMilliseconds(100) },
                new ListingMonitor(), CancellationToken.None).ToList();

        private static void AssertAccountedFor(EmulatorHarness h, List<ListingResult<ConnectUser>> results, bool allDelivered)
        {
            var expected = h.Instance.Users.Select(u => u.Id).ToHashSet();
            var delivered = results.Where(r => r.Error == null).Select(r => r.Value!.Id!).ToList();
            var failed = results.Where(r => r.Error != null).Select(r => r.Id).ToList();
            Assert.Equal(delivered.Count, delivered.Distinct().Count());
            Assert.Empty(delivered.Intersect(failed));
            Assert.Equal(expected.Count, delivered.Count + failed.Count);
            Assert.True(expected.SetEquals(delivered.Concat(failed)));
            if (allDelivered) Assert.Empty(failed);
        }

        [Theory]
        [InlineData(500, "InternalServiceException")]
        [InlineData(503, "ServiceUnavailableException")]
        public async Task BurstsOfServerErrorsAreRetriedAndWhatStillFailsIsReported(int status, string code)
        {
            await using var h = await EmulatorHarness.StartAsync(o => { o.GeneratedUsers = 120; o.DisableQuotas = true; });
            var client = h.Client();
            h.Emulator.Faults.Add(FaultRule.Error(status, code, "burst", "DescribeUser") with { Probability = 0.3, Duration = TimeSpan.FromSeconds(2) });
            var results = ListAll(h, client);
            AssertAccountedFor(h, results, allDelivered: false);
            Assert.True(h.Emulator.Stats["DescribeUser"].Responses(status) > 0);
            // Three attempts each (AWS_MAX_ATTEMPTS default): at 30% that leaves about 3% failing; each failure says why.
            var errors = results.Where(r => r.Error != null).Select(r => Assert.IsType<ConnectServiceException>(r.Error)).ToList();
            Assert.True(errors.Count <= 12, errors.Count + " failed");
            Assert.All(errors, e => { Assert.Equal(code, e.ErrorCode); Assert.Equal(3, e.Attempts); Assert.Equal("DescribeUser", e.Operation); });
        }

        [Fact]
        public async Task A429StormDeliversEveryUser()
        {
            await using var h = await EmulatorHarness.StartAsync(o => { o.GeneratedUsers = 120; o.DisableQuotas = true; });
            var client = h.Client();
            h.Emulator.Faults.Add(FaultRule.Error(429, "TooManyRequestsException", "Rate exceeded", "DescribeUser") with { Probability = 0.5, Duration = TimeSpan.FromSeconds(3) });
            var results = ListAll(h, client);
            AssertAccountedFor(h, results, allDelivered: true);
            Assert.True(h.Emulator.Stats["DescribeUser"].Responses(429) > 0);
        }

        [Theory]
        [InlineData(FaultKind.ConnectionReset)]
        [InlineData(FaultKind.TruncatedBody)]
        public async Task BrokenConnectionsAreRetried(FaultKind kind)
        {
            await using var h = await EmulatorHarness.StartAsync(o => { o.GeneratedUsers = 60; o.DisableQuotas = true; });
            var client = h.Client();
            h.Emulator.Faults.Add(FaultRule.Of(kind, "DescribeUser") with { Probability = 0.2, Duration = TimeSpan.FromSeconds(3) });
            var results = ListAll(h, client);
            AssertAccountedFor(h, results, allDelivered: false);
            Assert.True(h.Emulator.Stats["DescribeUser"].FaultsInjected > 0);
            // A retry after a reset almost always succeeds: at most a handful may have failed three times in a row.
            Assert.True(results.Count(r => r.Error != null) <= 3, results.Count(r => r.Error != null) + " failed");
        }

        [Theory]
        [InlineData(FaultKind.MalformedJson)]
        [InlineData(FaultKind.EmptyBody)]
        public async Task OccasionalUnreadableBodiesAreRetried(FaultKind kind)
        {
            await using var h = await EmulatorHarness.StartAsync(o => { o.GeneratedUsers = 30; o.DisableQuotas = true; });
            var client = h.Client();
            h.Emulator.Faults.Add(FaultRule.Of(kind, "DescribeUser") with { Count = 4 });
            var results = ListAll(h, client);
            AssertAccountedFor(h, results, allDelivered: true);
            Assert.Equal(4, h.Emulator.Stats["DescribeUser"].FaultsInjected);
        }

        [Theory]
        [InlineData(FaultKind.MalformedJson, "not valid JSON")]
        [InlineData(FaultKind.EmptyBody, "empty")]
        public async Task PersistentlyUnreadableBodiesAreClearErrors(FaultKind kind, string expected)
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client();
            h.Emulator.Faults.Add(FaultRule.Of(kind, "DescribeInstance"));
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => client.DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal("DescribeInstance", e.Operation);
            Assert.Equal(h.Instance.Id, e.ResourceId);
            Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.True(e.Attempts >= 1);
        }

        [Fact]
        public async Task AResponseSlowerThanTheReadTimeoutFailsAfterRetries()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client(http: new HttpSettings { ReadTimeout = TimeSpan.FromSeconds(1) }, env: new Dictionary<string, string?> { ["AWS_MAX_ATTEMPTS"] = "2" });
            h.Emulator.Faults.Add(FaultRule.Latency(TimeSpan.FromSeconds(30), "DescribeInstance"));
            var attempts = new List<AttemptEventArgs>();
            client.AttemptCompleted += (_, a) => { lock (attempts) attempts.Add(a); };
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => client.DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal("DescribeInstance", e.Operation);
            Assert.Equal("RequestTimeout", e.ErrorCode);
            Assert.Contains("-ReadTimeoutSec", e.Message);
            // Exactly AWS_MAX_ATTEMPTS attempts, each given up by the read timeout (a 30 s answer never arrived), and
            // the emulator saw each of them once and none completed.
            Assert.Equal(2, e.Attempts);
            Assert.Equal(new[] { 1, 2 }, attempts.Select(a => a.Attempt));
            Assert.All(attempts, a => { Assert.Equal(0, a.StatusCode); Assert.Equal("TimeoutException", a.ErrorCode); });
            var stats = h.Emulator.Stats["DescribeInstance"];
            Assert.Equal(2, stats.Requests);
            Assert.Equal(0, stats.Responses(200));
        }

        [Fact]
        public async Task AOneOffSlowResponseIsRetried()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client(http: new HttpSettings { ReadTimeout = TimeSpan.FromSeconds(1) });
            h.Emulator.Faults.Add(FaultRule.Of(FaultKind.SlowBody, "DescribeInstance") with { Count = 1, Delay = TimeSpan.FromSeconds(4) });
            var instance = await client.DescribeInstanceAsync(h.Instance.Id);
            Assert.Equal(h.Instance.Id, instance.Id);
        }

        [Fact]
        public async Task AServerThatNeverAcceptsHitsTheConnectTimeout()
        {
            // A listening socket whose accept queue is full: further SYNs get no answer, so connects hang.
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(0);
            var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            var fillers = new List<Socket>();
            for (int i = 0; i < 8; i++)
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                try { s.Connect(IPAddress.Loopback, port); } catch (SocketException) { }
                fillers.Add(s);
            }
            await Task.Delay(200);

            var aws = Auth.AwsResolver.Resolve(new Auth.AwsSettings
            {
                AccessKey = EmulatorOptions.DemoAccessKeyId, SecretKey = EmulatorOptions.DemoSecretKey, Region = "us-east-1",
                Environment = new Auth.DictionaryEnvironment(new Dictionary<string, string?>()),
            });
            var client = ConnectClientFactory.Create(new ClientOptions(aws, "http://127.0.0.1:" + port,
                new HttpSettings { ConnectTimeout = TimeSpan.FromSeconds(1), ReadTimeout = TimeSpan.FromSeconds(30) },
                new Auth.DictionaryEnvironment(new Dictionary<string, string?> { ["AWS_MAX_ATTEMPTS"] = "2" })));
            var attempts = new List<AttemptEventArgs>();
            client.AttemptCompleted += (_, a) => { lock (attempts) attempts.Add(a); };
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => client.DescribeInstanceAsync("i-1"));
            foreach (var s in fillers) s.Dispose();
            // AWS_MAX_ATTEMPTS attempts, each ended by the 1 s connect timeout rather than the 30 s read timeout:
            // no response, and the error names the connect timeout.
            Assert.Equal(2, e.Attempts);
            Assert.Equal(0, (int)e.StatusCode);
            Assert.Equal("RequestTimeout", e.ErrorCode);
            Assert.Contains("-ConnectTimeoutSec", e.Message);
            Assert.Equal(new[] { 1, 2 }, attempts.Select(a => a.Attempt));
            Assert.All(attempts, a => Assert.Equal(0, a.StatusCode));
        }

        [Fact]
        public async Task ABarrierHoldsRequestsUntilAllHaveArrivedThenAnswersThem()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client();
            // A safety limit far beyond the test: only the fourth arrival can release the first three.
            h.Emulator.Faults.Add(FaultRule.Barrier(4, TimeSpan.FromMinutes(5), "DescribeInstance"));
            var first = Enumerable.Range(0, 3).Select(_ => client.DescribeInstanceAsync(h.Instance.Id)).ToList();
            Assert.True(SpinWait.SpinUntil(() => h.Emulator.Stats.InFlight == 3, TimeSpan.FromSeconds(30)), "three requests held");
            Assert.All(first, t => Assert.False(t.IsCompleted));
            var fourth = await client.DescribeInstanceAsync(h.Instance.Id);
            Assert.Equal(h.Instance.Id, fourth.Id);
            Assert.All(await Task.WhenAll(first), i => Assert.Equal(h.Instance.Id, i.Id));
            Assert.Equal(4, h.Emulator.Stats.MaxConcurrentRequests);
            Assert.Equal(4, h.Emulator.Stats["DescribeInstance"].Responses(200));
            // Used up: the next request is not held.
            Assert.Equal(h.Instance.Id, (await client.DescribeInstanceAsync(h.Instance.Id)).Id);
            Assert.Throws<ArgumentOutOfRangeException>(() => h.Emulator.Faults.Add(FaultRule.Of(FaultKind.Barrier)));
        }

        [Fact]
        public async Task ABarrierThatIsNeverMetAnswersAtItsLimit()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client();
            h.Emulator.Faults.Add(FaultRule.Barrier(2, TimeSpan.FromMilliseconds(300), "DescribeInstance"));
            Assert.Equal(h.Instance.Id, (await client.DescribeInstanceAsync(h.Instance.Id)).Id);
            Assert.Equal(1, h.Emulator.Stats.MaxConcurrentRequests);
            Assert.Equal(1, h.Emulator.Stats["DescribeInstance"].FaultsInjected);
        }

        [Fact]
        public async Task APagingLoopStopsWithAnErrorInsteadOfLoopingForever()
        {
            await using var h = await EmulatorHarness.StartAsync(o => { o.GeneratedUsers = 2500; o.DisableQuotas = true; });
            var client = h.Client();
            h.Emulator.Faults.Add(FaultRule.Of(FaultKind.PagingLoop, "ListUsers"));
            var delivered = new List<string>();
            var e = Assert.Throws<ConnectPagingException>(() =>
            {
                foreach (var r in Listings.Users(client, h.Instance.Id, null, null, new ListingOptions(), new ListingMonitor(), CancellationToken.None))
                    delivered.Add(r.Value!.Id!);
            });
            Assert.Contains("NextToken", e.Message);
            Assert.Equal(2000, delivered.Count); // the first page, and the second (a repeat of the token it was sent)
            Assert.True(h.Emulator.Stats["ListUsers"].Requests <= 3);
        }

        [Fact]
        public async Task AHugePageIsDeliveredWhole()
        {
            await using var h = await EmulatorHarness.StartAsync(o => { o.GeneratedUsers = 3000; o.DisableQuotas = true; });
            var client = h.Client();
            h.Emulator.Faults.Add(FaultRule.Of(FaultKind.HugePage, "ListUsers") with { HugePageSize = 3000 });
            var results = ListAll(h, client, new ListingOptions { ThrottleLimit = 32 });
            AssertAccountedFor(h, results, allDelivered: true);
            Assert.Equal(1, h.Emulator.Stats["ListUsers"].Requests);
        }

        [Fact]
        public async Task MaxAttemptsFromTheEnvironmentIsHonoured()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client(env: new Dictionary<string, string?> { ["AWS_MAX_ATTEMPTS"] = "5", ["AWS_RETRY_MODE"] = "standard" });
            h.Emulator.Faults.Add(FaultRule.Error(500, "InternalServiceException", "down", "DescribeInstance"));
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => client.DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal(5, e.Attempts);
            Assert.Equal(5, h.Emulator.Stats["DescribeInstance"].Requests);
        }

        [Theory]
        [InlineData("1")]
        [InlineData("2")]
        [InlineData("4")]
        public async Task EveryAttemptCountsEvenWhenTheConnectionIsReset(string maxAttempts)
        {
            // AWSSDK.Core would add up to 10 uncounted "stale connection" retries after a reset connection.
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client(env: new Dictionary<string, string?> { ["AWS_MAX_ATTEMPTS"] = maxAttempts });
            h.Emulator.Faults.Add(FaultRule.Of(FaultKind.ConnectionReset, "DescribeInstance"));
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => client.DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal(int.Parse(maxAttempts), e.Attempts);
            Assert.Equal(int.Parse(maxAttempts), h.Emulator.Stats["DescribeInstance"].Requests);
            Assert.Equal("ConnectionFailed", e.ErrorCode);
        }

        [Fact]
        public void BadRetrySettingsAreInputErrors()
        {
            var config = new ConnectClientConfig();
            var e = Assert.Throws<ConnectInputException>(() => ConnectClientFactory.ApplyRetrySettings(config,
                new Auth.DictionaryEnvironment(new Dictionary<string, string?> { ["AWS_MAX_ATTEMPTS"] = "lots" }), _ => { }));
            Assert.Contains("AWS_MAX_ATTEMPTS", e.Message);
            e = Assert.Throws<ConnectInputException>(() => ConnectClientFactory.ApplyRetrySettings(config,
                new Auth.DictionaryEnvironment(new Dictionary<string, string?> { ["AWS_RETRY_MODE"] = "eager" }), _ => { }));
            Assert.Contains("AWS_RETRY_MODE", e.Message);
        }
    }
}
