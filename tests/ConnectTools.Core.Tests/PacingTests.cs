using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
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
    /// Pacing against the emulator, whose quotas are the service's token buckets. Figures come from the emulator's own
    /// records (its clock, its 429s), never from the test's wall clock.
    /// </summary>
    [Collection(nameof(PacingCollection))]
    public class PacingTests
    {
        /// <summary>The DescribeUser requests the emulator recorded, oldest first.</summary>
        private static List<RequestRecord> Records(EmulatorHarness h, string operation) =>
            h.Emulator.Stats.Requests.Where(r => r.Operation == operation).OrderBy(r => r.ReceivedAt).ToList();

        /// <summary>An access key id and secret no other test uses.</summary>
        private static (string Key, string Secret) FreshKeyPair() =>
            ("AKIATEST" + Guid.NewGuid().ToString("N").Substring(0, 12).ToUpperInvariant(), "secret/" + Guid.NewGuid().ToString("N"));

        /// <summary>Quota 429s among the requests that arrived after the first second of the operation's calls.</summary>
        private static (int Throttled, int Total) AfterFirstSecond(List<RequestRecord> records)
        {
            var start = records[0].ReceivedAt.AddSeconds(1);
            var steady = records.Where(r => r.ReceivedAt >= start).ToList();
            return (steady.Count(r => r.StatusCode == 429), steady.Count);
        }

        private static void AssertEveryUser(EmulatorHarness h, List<ListingResult<ConnectUser>> results)
        {
            Assert.All(results, r => Assert.Null(r.Error));
            Assert.Equal(h.Instance.Users.Select(u => u.Id).OrderBy(x => x, StringComparer.Ordinal),
                results.Select(r => r.Value!.Id!).OrderBy(x => x, StringComparer.Ordinal));
        }

        [Theory]
        [InlineData(10, 15, 5, 60)]     // the service's default DescribeUser quota, quick answers
        [InlineData(50, 75, 50, 240)]   // a raised quota, given in CONNECTTOOLS_API_QUOTAS
        [InlineData(2, 5, 200, 14)]     // a slow quota and slow answers
        public async Task AListingAtTheQuotaIsBarelyThrottledAndReturnsEveryUser(double rate, int burst, int latencyMs, int users)
        {
            await using var h = await EmulatorHarness.StartAsync(o =>
            {
                o.GeneratedUsers = users;
                o.Latency = TimeSpan.FromMilliseconds(latencyMs);
                o.Quotas[OperationNames.DescribeUser] = new Quota(rate, burst);
            });
            var client = h.Client();
            var results = Listings.Users(client, h.Instance.Id, null, null, new ListingOptions(), new ListingMonitor(), CancellationToken.None).ToList();
            AssertEveryUser(h, results);
            var records = Records(h, OperationNames.DescribeUser);
            var (throttled, total) = AfterFirstSecond(records);
            Assert.True(total > 0, "the listing lasted more than a second of DescribeUser calls");
            Assert.True(throttled <= total * 0.02, $"{throttled} of {total} DescribeUser calls after the first second were throttled (at most 2% may be)");
            // The burst is used: the gate's bucket starts full, so the first calls go together (not one per interval).
            Assert.Equal(burst - Math.Min(Math.Max(1, (int)Math.Ceiling(rate * 0.5)), burst / 2), ((RequestRateGate)client.Gate!).CapacityOf(OperationNames.DescribeUser));
        }

        [Fact]
        public async Task WithoutTheVariableTheServicesDefaultQuotasApply()
        {
            await using var h = await EmulatorHarness.StartAsync(o => o.GeneratedUsers = 40);
            var client = h.Client(env: new Dictionary<string, string?> { [ApiQuotas.VariableName] = null });
            var gate = (RequestRateGate)client.Gate!;
            Assert.Equal(new ApiQuota(10, 15), gate.QuotaOf(OperationNames.DescribeUser));
            Assert.Equal(new ApiQuota(2, 5), gate.QuotaOf(OperationNames.SearchUsers));
            var results = Listings.Users(client, h.Instance.Id, null, null, new ListingOptions(), new ListingMonitor(), CancellationToken.None).ToList();
            AssertEveryUser(h, results);
            Assert.Equal(0, h.Emulator.Stats[OperationNames.DescribeUser].Throttled);
            Assert.Equal(40, h.Emulator.Stats[OperationNames.DescribeUser].Requests);
        }

        [Fact]
        public async Task AFiveThousandUserSummaryMakesTenSearchUsersCalls()
        {
            // The service's SearchUsers quota (2/s, burst 5) on both sides: no call is throttled, none is repeated.
            await using var h = await EmulatorHarness.StartAsync(o => o.GeneratedUsers = 5000);
            var client = h.Client(env: new Dictionary<string, string?> { [ApiQuotas.VariableName] = null });
            var plan = UserSearchPlanner.Plan(new UserFilter());
            var results = Listings.UserSummaries(client, h.Instance.Id, plan, null, new ListingOptions(), new ListingMonitor(), CancellationToken.None).ToList();
            Assert.All(results, r => Assert.Null(r.Error));
            Assert.Equal(5000, results.Select(r => r.Value!.Id).Distinct().Count());
            var stats = h.Emulator.Stats[OperationNames.SearchUsers];
            Assert.Equal(10, stats.Requests);
            Assert.Equal(0, stats.Throttled);
        }

        [Fact]
        public async Task ClientsOfOneAccountAndRegionShareOneGate()
        {
            await using var h = await EmulatorHarness.StartAsync(o =>
            {
                o.GeneratedUsers = 90;
                o.Quotas[OperationNames.DescribeUser] = new Quota(30, 45);
            });
            // Two clients (other HTTP settings, so not the same client) of the same credentials, listing at once.
            var one = h.Client();
            var two = h.Client(http: new HttpSettings { ReadTimeout = TimeSpan.FromSeconds(61) });
            Assert.NotSame(one, two);
            Assert.Same(one.Gate, two.Gate);
            var lists = new[] { one, two }.Select(c => Task.Run(() =>
                Listings.Users(c, h.Instance.Id, null, null, new ListingOptions(), new ListingMonitor(), CancellationToken.None).ToList())).ToArray();
            await Task.WhenAll(lists);
            foreach (var list in lists) AssertEveryUser(h, list.Result);
            var (throttled, total) = AfterFirstSecond(Records(h, OperationNames.DescribeUser));
            // Each at the whole quota would be twice the quota: about half of the calls throttled.
            Assert.True(throttled <= total * 0.02, $"{throttled} of {total} DescribeUser calls after the first second were throttled");
        }

        [Fact]
        public async Task TwoIdentitiesOfOneAccountShareItsPaceOnceTheAccountIsKnown()
        {
            // Two key pairs (two profiles, or a user and a role) of the same account: the service's quota is the account's.
            // A key pair of its own for this test: gates live for the process, keyed by identity, Region and endpoint, and
            // an earlier test's emulator may have had the same port.
            var (otherKey, otherSecret) = FreshKeyPair();
            await using var h = await EmulatorHarness.StartAsync(o =>
            {
                o.GeneratedUsers = 90;
                o.Quotas[OperationNames.DescribeUser] = new Quota(30, 45);
                o.Credentials[otherKey] = otherSecret;
            });
            var one = h.Client();
            var two = h.Client(otherSecret, otherKey);
            var gateOne = (RequestRateGate)one.Gate!;
            var gateTwo = (RequestRateGate)two.Gate!;
            Assert.NotSame(gateOne, gateTwo);
            Assert.False(gateTwo.SharedWithAccount, "nothing has named the account yet");
            var lists = new[] { one, two }.Select(c => Task.Run(() =>
                Listings.Users(c, h.Instance.Id, null, null, new ListingOptions(), new ListingMonitor(), CancellationToken.None).ToList())).ToArray();
            await Task.WhenAll(lists);
            foreach (var list in lists) AssertEveryUser(h, list.Result);
            Assert.True(gateOne.SharedWithAccount && gateTwo.SharedWithAccount, "both gates learned the account from the responses' ARNs");
            var (throttled, total) = AfterFirstSecond(Records(h, OperationNames.DescribeUser));
            // Each identity at the whole quota would be twice the quota: about half of the calls throttled.
            Assert.True(throttled <= total * 0.02, $"{throttled} of {total} DescribeUser calls after the first second were throttled");
        }

        [Fact]
        public async Task TheAccountIsLearnedFromResponsesNotFromAnArnTheCallerTyped()
        {
            // A key pair of its own, so the gate is new (gates live for the process; an earlier emulator may have had this port).
            var (key, secret) = FreshKeyPair();
            await using var h = await EmulatorHarness.StartAsync(o =>
            {
                o.GeneratedUsers = 2;
                o.Credentials[key] = secret;
            });
            var client = h.Client(secret, key);
            var gate = (RequestRateGate)client.Gate!;
            Assert.False(gate.SharedWithAccount, "a new identity's gate knows no account yet");
            // An instance ARN of another account: the call fails, and the pace stays this identity's own.
            string foreign = $"arn:aws:connect:{h.Region}:999999999999:instance/{h.Instance.Id}";
            await Assert.ThrowsAnyAsync<Exception>(() => client.DescribeUserAsync(foreign, h.Instance.Users[0].Id));
            Assert.False(gate.SharedWithAccount, "a typed ARN of another account moved the pace to that account");
            // A successful answer names the account.
            var user = await client.DescribeUserAsync(h.Instance.Id, h.Instance.Users[0].Id);
            Assert.Equal(h.Instance.Users[0].Id, user.Id);
            Assert.True(gate.SharedWithAccount, "the response's ARN named the account");
        }

        [Fact]
        public async Task WhenTheServiceAllowsLessThanTheQuotaGivenThePaceDropsToIt()
        {
            // The module is told 40/s; the service allows 20/s (the quota is lower, or others use half of it).
            await using var h = await EmulatorHarness.StartAsync(o =>
            {
                o.GeneratedUsers = 160;
                o.Quotas[OperationNames.DescribeUser] = new Quota(20, 30);
            });
            var client = h.Client(env: new Dictionary<string, string?> { [ApiQuotas.VariableName] = "DescribeUser=40/60" });
            var gate = (RequestRateGate)client.Gate!;
            var results = Listings.Users(client, h.Instance.Id, null, null, new ListingOptions(), new ListingMonitor(), CancellationToken.None).ToList();
            AssertEveryUser(h, results);
            var stats = h.Emulator.Stats[OperationNames.DescribeUser];
            Assert.True(stats.Throttled > 0, "the service throttled (or this test proves nothing)");
            Assert.Equal(stats.Throttled, gate.ThrottledCount(OperationNames.DescribeUser));
            // Draining alone would keep sending at 40/s, half of it throttled; the lowered pace keeps most calls through.
            Assert.True(stats.Throttled <= stats.Requests * 0.25, $"{stats.Throttled} of {stats.Requests} DescribeUser calls were throttled");
            Assert.True(gate.RateOf(OperationNames.DescribeUser) < 40, "the pace stayed at " + gate.RateOf(OperationNames.DescribeUser));
        }

        [Fact]
        public void GatesAreOnePerAccountRegionAndEndpoint()
        {
            var q = ApiQuotas.Parse(null);
            string id = "test:" + Guid.NewGuid();
            var a = RequestRateGate.For(id, "us-east-1", "http://127.0.0.1:1", q);
            Assert.Same(a, RequestRateGate.For(id, "us-east-1", "http://127.0.0.1:1", ApiQuotas.Parse(null)));
            Assert.NotSame(a, RequestRateGate.For(id, "us-west-2", "http://127.0.0.1:1", q));
            Assert.NotSame(a, RequestRateGate.For(id, "us-east-1", "http://127.0.0.1:2", q));
            Assert.NotSame(a, RequestRateGate.For(id + "x", "us-east-1", "http://127.0.0.1:1", q));
            // New quotas (the variable changed) apply to the same gate.
            RequestRateGate.For(id, "us-east-1", "http://127.0.0.1:1", ApiQuotas.Parse("DescribeUser=40/60"));
            Assert.Equal(new ApiQuota(40, 60), a.QuotaOf("DescribeUser"));
        }

        [Fact]
        public async Task MaxRequestRateCapsTheCallsPerSecondAtTheEmulator()
        {
            await using var h = await EmulatorHarness.StartAsync(o =>
            {
                o.GeneratedUsers = 40;
                o.Quotas[OperationNames.DescribeUser] = new Quota(100, 150);
            });
            var client = h.Client();
            const double cap = 8;
            var results = Listings.Users(client, h.Instance.Id, null, null, new ListingOptions { MaxRequestRate = cap }, new ListingMonitor(), CancellationToken.None).ToList();
            AssertEveryUser(h, results);
            var times = Records(h, OperationNames.DescribeUser).Select(r => r.ReceivedAt).ToList();
            Assert.Equal(40, times.Count);
            // In every second of the emulator's clock (a window starting at each request), at most 8 calls, plus two for
            // the jitter of a loaded machine. Uncapped, the quota (100/s, burst 100) lets all 40 through at once.
            int most = times.Max(t => times.Count(u => u >= t && u < t.AddSeconds(1)));
            Assert.True(most <= cap + 2, $"{most} DescribeUser calls arrived within one second; -MaxRequestRate is {cap}: " +
                string.Join(", ", times.Select(t => (t - times[0]).TotalMilliseconds.ToString("F0"))));
            double seconds = (times[^1] - times[0]).TotalSeconds;
            Assert.True(seconds >= (times.Count - 1) / cap * 0.9, $"40 calls spread over {seconds:F2} s of the emulator's clock; at {cap}/s they take at least {(times.Count - 1) / cap:F2} s");
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(20000)]
        public void AMaxRequestRateThatCannotBeRightIsAnInputError(double rate)
        {
            var e = Assert.Throws<ConnectInputException>(() => new ListingOptions { MaxRequestRate = rate });
            Assert.Equal("MaxRequestRate", e.ParamName);
            Assert.Contains("calls per second", e.Message);
        }

        [Theory]
        [InlineData("DescribeUser=50/75;SearchUsers=5/10", "DescribeUser", 50, 75)]
        [InlineData("DescribeUser=50/75;SearchUsers=5/10", "SearchUsers", 5, 10)]
        [InlineData("DescribeUser=50/75;SearchUsers=5/10", "ListUsers", 10, 15)]
        [InlineData(" describeuser = 12.5 / 20 , ", "DescribeUser", 12.5, 20)]
        [InlineData("*=100/100;SearchUsers=3/6", "ListInstances", 100, 100)]
        [InlineData("*=100/100;SearchUsers=3/6", "SearchUsers", 3, 6)]
        [InlineData("", "DescribeInstance", 2, 5)]
        public void QuotasAreTheDefaultsWithWhatTheVariableGives(string value, string api, double rate, int burst)
        {
            Assert.Equal(new ApiQuota(rate, burst), ApiQuotas.Parse(value)[api]);
        }

        [Theory]
        [InlineData("DescribeUsers=50/75")]
        [InlineData("DescribeUser=50")]
        [InlineData("DescribeUser=0/5")]
        [InlineData("DescribeUser=fast/5")]
        [InlineData("DescribeUser=5/0")]
        [InlineData("=5/5")]
        public async Task AQuotaVariableThatCannotBeReadIsAnErrorBeforeAnyCall(string value)
        {
            await using var h = await EmulatorHarness.StartAsync();
            var e = Assert.Throws<ConnectInputException>(() => h.Client(env: new Dictionary<string, string?> { [ApiQuotas.VariableName] = value }));
            Assert.Equal(ApiQuotas.VariableName, e.ParamName);
            Assert.Contains("DescribeUser=50/75", e.Message);
            Assert.Equal(0, h.Emulator.Stats.TotalRequests);
        }
    }

    /// <summary>
    /// The pacing tests count calls per second at the emulator: they run alone, so other tests' blocked threads do not
    /// hold up the thread pool (and bunch calls that were sent apart).
    /// </summary>
    [CollectionDefinition(nameof(PacingCollection), DisableParallelization = true)]
    public class PacingCollection
    {
    }

    /// <summary>The gate's token bucket, on a clock the test moves.</summary>
    public class RequestRateGateTests
    {
        private static readonly long Second = Stopwatch.Frequency;

        [Theory]
        [InlineData(10, 15, 10)]    // cushion: half a second of calls (5)
        [InlineData(2, 5, 4)]       // at least one token
        [InlineData(100, 150, 100)] // half a second: 50
        [InlineData(100, 20, 10)]   // at most half the burst
        [InlineData(1, 1, 1)]       // never below one
        public void TheBucketHoldsTheBurstLessACushion(double rate, int burst, int capacity)
        {
            Assert.Equal(capacity, RequestRateGate.Bucket.CapacityFor(new ApiQuota(rate, burst)));
        }

        [Fact]
        public void TheBurstGoesAtOnceThenOneCallPerInterval()
        {
            long now = 1000 * Second;
            var bucket = new RequestRateGate.Bucket(new ApiQuota(10, 15), now);
            for (int i = 0; i < 10; i++) Assert.Equal(now, bucket.Reserve(now, out _));
            // The 11th waits one interval (100 ms), the 12th two.
            Assert.Equal(now + Second / 10, bucket.Reserve(now, out _), Second / 1000.0);
            Assert.Equal(now + 2 * Second / 10, bucket.Reserve(now, out _), Second / 1000.0);
            // After a quiet spell the bucket is full again, never fuller.
            now += 60 * Second;
            for (int i = 0; i < 10; i++) Assert.Equal(now, bucket.Reserve(now, out _));
            Assert.True(bucket.Reserve(now, out _) > now);
        }

        [Fact]
        public async Task OnceTheAccountIsKnownTwoIdentitiesDrawOnOneBucket()
        {
            long now = 1000 * Second;
            var quotas = ApiQuotas.Parse("DescribeUser=10/15");
            string place = "us-east-1\nhttp://127.0.0.1:" + Guid.NewGuid().ToString("N");
            var one = new RequestRateGate(quotas, () => now, place);
            var two = new RequestRateGate(quotas, () => now, place);
            // Apart, each has its own 10 tokens.
            for (int i = 0; i < 10; i++) Assert.True(one.WaitAsync("DescribeUser", CancellationToken.None).IsCompleted);
            Assert.True(two.WaitAsync("DescribeUser", CancellationToken.None).IsCompleted);
            // Both learn their account: the first hands its (spent) bucket to the account's gate, the second joins it.
            one.OnAccount("111122223333");
            two.OnAccount("111122223333");
            Assert.True(one.SharedWithAccount && two.SharedWithAccount);
            using var cancel = new CancellationTokenSource();
            var waiting = two.WaitAsync("DescribeUser", cancel.Token);
            Assert.False(waiting.IsCompleted, "the second identity must wait: the account's bucket is empty");
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            // Another account (same Region and endpoint) keeps a bucket of its own.
            var three = new RequestRateGate(quotas, () => now, place);
            three.OnAccount("444455556666");
            Assert.True(three.WaitAsync("DescribeUser", CancellationToken.None).IsCompleted);
            // 429s and the pace are the account's, whichever identity saw them.
            two.OnCompleted(new AttemptEventArgs("DescribeUser", null, 1, 429, "TooManyRequestsException", TimeSpan.FromMilliseconds(10), null));
            Assert.Equal(1, one.ThrottledCount("DescribeUser"));
        }

        [Fact]
        public void ANewQuotaFromTheVariableResizesTheBucket()
        {
            long now = Second;
            var bucket = new RequestRateGate.Bucket(new ApiQuota(10, 15), now);
            bucket.SetQuota(new ApiQuota(2, 5), now);
            Assert.Equal(2, bucket.Rate);
            for (int i = 0; i < 4; i++) Assert.Equal(now, bucket.Reserve(now, out _));
            Assert.Equal(now + Second / 2, bucket.Reserve(now, out _), Second / 1000.0);
        }

        [Fact]
        public void A429DrainsTheBucketAndMovesTheWaitingCallsOneIntervalLater()
        {
            long now = 1000 * Second;
            var bucket = new RequestRateGate.Bucket(new ApiQuota(10, 15), now);
            Assert.Equal(now, bucket.Reserve(now, out _));
            // Someone else emptied the service's bucket: a 429. Ours still had 9 tokens; now the next call waits.
            Assert.Null(bucket.OnThrottled(now, now - Second / 100));
            Assert.Equal(now + Second / 10, bucket.Reserve(now, out long stamp), Second / 1000.0);
            Assert.Equal(0, bucket.ShiftSince(stamp));
            // Another 429 of a call sent before the drain is the same episode: nothing more changes.
            Assert.Null(bucket.OnThrottled(now + 1, now - Second / 50));
            Assert.Equal(0, bucket.ShiftSince(stamp));
            Assert.Equal(10, bucket.Rate);
        }

        [Fact]
        public void WhenTheServiceKeepsThrottlingTheRateDropsAndLaterClimbsBackToTheQuotaNotAbove()
        {
            long now = 1000 * Second;
            var bucket = new RequestRateGate.Bucket(new ApiQuota(10, 15), now);
            // Three seconds at 6 successes a second (the service lets only that much through: the quota is shared).
            for (int i = 0; i < 18; i++) { now += Second / 6; bucket.OnSuccess(now); }
            Assert.Null(bucket.OnThrottled(now, now - Second / 100));          // first 429: drain only
            now += Second / 2;
            double? lowered = bucket.OnThrottled(now, now - Second / 100);   // sent after the drain, throttled again
            Assert.NotNull(lowered);
            Assert.InRange(lowered!.Value, 5, 9);
            Assert.Equal(lowered.Value, bucket.Rate);
            // A minute without 429s: back to the quota, and never above it.
            for (int i = 0; i < 600; i++) { now += Second / 10; bucket.Reserve(now, out _); }
            Assert.Equal(10, bucket.Rate);
        }
    }
}
