using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Enumeration;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>The listings driven through <see cref="IConnectOperations"/> in memory: the engine without HTTP.</summary>
    public class InMemoryListingTests
    {
        [Fact]
        public void AUserListingPagesKeepsOrderBoundsConcurrencyAndRetriesAThrottledCall()
        {
            // 230 users in pages of at most 40 (the listing asks for 1000): six pages. The first four DescribeUser calls
            // wait until all four run at once (a barrier), so the bound is reached, never passed; later calls finish out
            // of order. u007's first DescribeUser is throttled: the listing tries it again and delivers it in its place.
            const int limit = 4;
            var connect = new InMemoryConnect("inst-1", users: 230);
            connect.ThrottleOnce.Add("u007");
            var random = new Random(11);
            var delays = connect.Users.ToDictionary(u => u, _ => random.Next(0, 4));
            var allRunning = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            int running = 0, maxRunning = 0, started = 0;
            connect.BeforeDescribe = async (id, ct) =>
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref maxRunning, now);
                if (now == limit) allRunning.TrySetResult(true);
                try
                {
                    if (Interlocked.Increment(ref started) <= limit) await Task.WhenAny(allRunning.Task, Task.Delay(TimeSpan.FromSeconds(30), ct));
                    await Task.Delay(delays[id], ct);
                }
                finally { Interlocked.Decrement(ref running); }
            };
            var monitor = new ListingMonitor();
            var options = new ListingOptions { ThrottleLimit = limit, ThrottleRetryDelay = TimeSpan.FromMilliseconds(1) };

            var results = Listings.Users(connect, "inst-1", null, null, options, monitor, CancellationToken.None).ToList();

            Assert.All(results, r => Assert.Null(r.Error));
            Assert.Equal(connect.Users, results.Select(r => r.Id));
            Assert.Equal(connect.Users, results.Select(r => r.Value!.Id));
            Assert.Equal(new string?[] { null, "40", "80", "120", "160", "200" }, connect.ListTokens);
            Assert.Equal(6, monitor.Pages);
            Assert.Equal(230, monitor.Delivered);
            Assert.True(allRunning.Task.IsCompleted, "the first " + limit + " calls were never all running at once (max " + maxRunning + ")");
            Assert.Equal(limit, maxRunning);
            Assert.Equal(2, connect.Describes("u007"));
            Assert.Equal(1, monitor.EngineThrottleRetries);
            Assert.Equal(231, connect.AllDescribes);
            Assert.Equal(0, Volatile.Read(ref running));
        }

        [Fact]
        public void AnInstanceListingDescribesOnlyWhatTheFilterKeepsAndReportsAFailureInPlace()
        {
            // 25 instances in pages of at most 10 (three pages); the filter keeps every fifth; i10's describe fails
            // with ResourceNotFoundException (deleted between the list and the describe) and stands in its place.
            var connect = new InMemoryConnect("inst-1", users: 0, instances: 25) { PageLimit = 10 };
            connect.BeforeDescribe = (id, ct) => id == "i10" ? Task.FromException(new ConnectServiceException("gone", null,
                Amazon.Runtime.ErrorType.Sender, "ResourceNotFoundException", null, System.Net.HttpStatusCode.NotFound)) : Task.CompletedTask;
            var monitor = new ListingMonitor();

            var results = Listings.Instances(connect, i => int.Parse(i.Id!.Substring(1)) % 5 == 0, new ListingOptions { ThrottleLimit = 2 },
                monitor, CancellationToken.None).ToList();

            Assert.Equal(new[] { "i00", "i05", "i10", "i15", "i20" }, results.Select(r => r.Id));
            Assert.Equal("ResourceNotFoundException", Assert.IsType<ConnectServiceException>(results[2].Error).ErrorCode);
            Assert.Equal(new[] { "alias-i00", "alias-i05", null, "alias-i15", "alias-i20" }, results.Select(r => r.Value?.InstanceAlias));
            Assert.Equal(5, connect.AllDescribes);
            Assert.Equal(new string?[] { null, "10", "20" }, connect.ListTokens);
            Assert.Equal(5, monitor.Enumerated);
            Assert.Equal(1, monitor.Failed);
        }

        [Fact]
        public void SummariesComeStraightFromSearchUsersWithTheAnnouncedTotal()
        {
            var connect = new InMemoryConnect("inst-1", users: 90);
            var monitor = new ListingMonitor();
            var filter = new UserFilter();
            filter.Username.Add("name-u*");   // the in-memory service matches every user; the plan only has to be valid
            var plan = UserSearchPlanner.Plan(filter);

            var results = Listings.UserSummaries(connect, "inst-1", plan, null, new ListingOptions(), monitor, CancellationToken.None).ToList();

            Assert.Equal(connect.Users, results.Select(r => r.Value!.Id));
            Assert.Equal(0, connect.AllDescribes);
            Assert.Equal(new string?[] { null, "40", "80" }, connect.ListTokens);
            Assert.Equal(90, monitor.ApproximateTotal);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
        }
    }
}
