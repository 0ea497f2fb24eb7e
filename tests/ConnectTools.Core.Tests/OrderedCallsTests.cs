using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Enumeration;
using Xunit;

namespace ConnectTools.Core.Tests
{
    public class OrderedCallsTests
    {
        [Fact]
        public void CallsGivenOneAtATimeRunConcurrentlyAndComeBackInOrder()
        {
            var random = new Random(3);
            var delivered = new List<int>();
            int running = 0, maxRunning = 0;
            using var calls = new OrderedCalls<int>(new ListingOptions { ThrottleLimit = 8 }, new ListingMonitor(), CancellationToken.None);
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < 80; i++)
            {
                int n = i, delay = 50 + random.Next(0, 50);
                calls.Add("id" + n, async ct =>
                {
                    int now = Interlocked.Increment(ref running);
                    lock (delivered) maxRunning = Math.Max(maxRunning, now);
                    await Task.Delay(delay, ct);
                    Interlocked.Decrement(ref running);
                    return n;
                }, r => delivered.Add(r.Value));
            }
            calls.Finish(r => delivered.Add(r.Value));
            watch.Stop();
            Assert.Equal(Enumerable.Range(0, 80), delivered);
            Assert.InRange(maxRunning, 2, 8);
            // One at a time would take 80 x 75 ms = 6 s; eight at a time about 0.8 s.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), "took " + watch.Elapsed);
        }

        [Fact]
        public void AFailedCallIsDeliveredInItsPlace()
        {
            var results = new List<ListingResult<int>>();
            using var calls = new OrderedCalls<int>(new ListingOptions { ThrottleLimit = 4 }, new ListingMonitor(), CancellationToken.None);
            for (int i = 0; i < 6; i++)
            {
                int n = i;
                calls.Add("id" + n, ct => n == 2 ? Task.FromException<int>(new InvalidOperationException("two")) : Task.FromResult(n), results.Add);
            }
            calls.Finish(results.Add);
            Assert.Equal(new[] { "id0", "id1", "id2", "id3", "id4", "id5" }, results.Select(r => r.Id));
            Assert.Equal("two", results[2].Error!.Message);
            Assert.Equal(5, results.Count(r => r.Error == null));
        }

        [Fact]
        public void CancellingStopsTheWaitAndDisposeWaitsForTheCalls()
        {
            using var cts = new CancellationTokenSource();
            int finished = 0;
            var calls = new OrderedCalls<int>(new ListingOptions { ThrottleLimit = 2 }, new ListingMonitor(), cts.Token);
            for (int i = 0; i < 2; i++)
                calls.Add("id" + i, async ct =>
                {
                    try { await Task.Delay(60000, ct); return 0; }
                    finally { Interlocked.Increment(ref finished); }
                }, _ => { });
            cts.CancelAfter(100);
            var watch = Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => calls.Finish(_ => { }));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
            calls.Dispose();
            Assert.Equal(2, finished);
        }
    }
}
