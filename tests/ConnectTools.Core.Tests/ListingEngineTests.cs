using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Client;
using ConnectTools.Emulator;
using ConnectTools.Enumeration;
using Xunit;

namespace ConnectTools.Core.Tests
{
    public class ListingEngineTests
    {
        private static Func<string?, CancellationToken, Task<Page<int>>> Pages(int total, int pageSize, Action? onFetch = null) =>
            (token, ct) =>
            {
                onFetch?.Invoke();
                int start = token == null ? 0 : int.Parse(token);
                var items = Enumerable.Range(start, Math.Min(pageSize, total - start)).ToList();
                string? next = start + pageSize < total ? (start + pageSize).ToString() : null;
                return Task.FromResult(new Page<int>(items, next));
            };

        [Fact]
        public void ResultsComeInEnumerationOrderWhateverOrderTheyComplete()
        {
            var random = new Random(7);
            var delays = Enumerable.Range(0, 600).Select(_ => random.Next(0, 15)).ToArray();
            var results = ListingEngine.Run<int, int>(Pages(600, 250), i => i.ToString(), null,
                async (i, ct) => { await Task.Delay(delays[i], ct); return i * 10; },
                new ListingOptions { ThrottleLimit = 16 }, new ListingMonitor(), CancellationToken.None).ToList();
            Assert.Equal(Enumerable.Range(0, 600).Select(i => i * 10), results.Select(r => r.Value));
            Assert.All(results, r => Assert.Null(r.Error));
        }

        [Fact]
        public void ConcurrencyIsBoundedByThrottleLimitAndMemoryByTheWindow()
        {
            int running = 0, maxRunning = 0, started = 0, delivered = 0, maxAhead = 0;
            var options = new ListingOptions { ThrottleLimit = 5, ReorderWindow = 20 };
            foreach (var r in ListingEngine.Run<int, int>(Pages(300, 100), i => i.ToString(), null,
                         async (i, ct) =>
                         {
                             int now = Interlocked.Increment(ref running);
                             InterlockedMax(ref maxRunning, now);
                             InterlockedMax(ref maxAhead, Interlocked.Increment(ref started) - Volatile.Read(ref delivered));
                             await Task.Delay(2, ct);
                             Interlocked.Decrement(ref running);
                             return i;
                         }, options, new ListingMonitor(), CancellationToken.None))
            {
                Interlocked.Increment(ref delivered);
                if (r.Value % 50 == 0) Thread.Sleep(20); // a slow consumer
            }
            Assert.Equal(300, delivered);
            Assert.True(maxRunning <= 5, "max running " + maxRunning);
            Assert.True(maxAhead <= 20 + 1, "started ahead of delivery: " + maxAhead);
        }

        [Fact]
        public void OneFailedItemIsReportedInPlaceAndTheRestContinue()
        {
            var results = ListingEngine.Run<int, int>(Pages(20, 10), i => "id" + i, null,
                (i, ct) => i == 7 ? Task.FromException<int>(new InvalidOperationException("seven")) : Task.FromResult(i),
                new ListingOptions(), new ListingMonitor(), CancellationToken.None).ToList();
            Assert.Equal(20, results.Count);
            Assert.Equal("id7", results[7].Id);
            Assert.Equal("seven", results[7].Error!.Message);
            Assert.Equal(19, results.Count(r => r.Error == null));
        }

        [Fact]
        public void EarlyStopCancelsOutstandingCallsAndLeavesNothingRunning()
        {
            int started = 0, running = 0, cancelled = 0, fetches = 0;
            var taken = ListingEngine.Run<int, int>(Pages(100000, 1000, () => Interlocked.Increment(ref fetches)), i => i.ToString(), null,
                async (i, ct) =>
                {
                    Interlocked.Increment(ref started);
                    Interlocked.Increment(ref running);
                    try
                    {
                        await Task.Delay(i < 5 ? 1 : 60000, ct);
                        return i;
                    }
                    catch (OperationCanceledException)
                    {
                        Interlocked.Increment(ref cancelled);
                        throw;
                    }
                    finally
                    {
                        Interlocked.Decrement(ref running);
                    }
                }, new ListingOptions { ThrottleLimit = 8 }, new ListingMonitor(), CancellationToken.None).Take(5).ToList();

            Assert.Equal(new[] { 0, 1, 2, 3, 4 }, taken.Select(r => r.Value));
            Assert.Equal(0, Volatile.Read(ref running));
            Assert.True(cancelled >= 1, "the calls in flight were cancelled");
            Assert.True(started <= 5 + 8 + 1, "no work started after the stop: " + started);
            Assert.Equal(1, fetches);
        }

        [Fact]
        public void CancellationCancelsTheCallsInFlightAndStartsNoMore()
        {
            // Items 0-3 answer at once; every later call would take 30 s unless its token is cancelled. Cancelling once
            // those four calls are in flight must end them (none completes), start no other, and leave none running.
            using var cts = new CancellationTokenSource();
            int started = 0, running = 0, cancelled = 0, completedAfterCancel = 0, fetches = 0, startedAtCancel = -1;
            var delivered = new List<int>();
            Assert.ThrowsAny<OperationCanceledException>(() =>
            {
                foreach (var r in ListingEngine.Run<int, int>(Pages(1000, 100, () => Interlocked.Increment(ref fetches)), i => i.ToString(), null,
                             async (i, ct) =>
                             {
                                 Interlocked.Increment(ref started);
                                 Interlocked.Increment(ref running);
                                 try
                                 {
                                     if (i >= 4) await Task.Delay(TimeSpan.FromSeconds(30), ct);
                                     if (cts.IsCancellationRequested) Interlocked.Increment(ref completedAfterCancel);
                                     return i;
                                 }
                                 catch (OperationCanceledException)
                                 {
                                     Interlocked.Increment(ref cancelled);
                                     throw;
                                 }
                                 finally { Interlocked.Decrement(ref running); }
                             },
                             new ListingOptions { ThrottleLimit = 4 }, new ListingMonitor(), cts.Token))
                {
                    delivered.Add(r.Value);
                    if (r.Value == 3)
                    {
                        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref running) == 4, TimeSpan.FromSeconds(30)), "four calls in flight");
                        startedAtCancel = Volatile.Read(ref started);
                        cts.Cancel();
                    }
                }
            });
            Assert.Equal(new[] { 0, 1, 2, 3 }, delivered);
            Assert.Equal(8, startedAtCancel);
            Assert.Equal(startedAtCancel, started);          // no call started after the cancellation
            Assert.Equal(4, cancelled);                      // the four in flight saw their token cancelled...
            Assert.Equal(0, completedAfterCancel);           // ...and none ran to completion
            Assert.Equal(0, Volatile.Read(ref running));     // nothing left running when the enumeration ended
            Assert.Equal(1, fetches);
        }

        [Fact]
        public void ARepeatedNextTokenStopsWithAnErrorAfterDeliveringTheResults()
        {
            int fetches = 0;
            Func<string?, CancellationToken, Task<Page<int>>> looping = (token, ct) =>
            {
                fetches++;
                return Task.FromResult(new Page<int>(new[] { fetches * 10, fetches * 10 + 1 }, "same-token"));
            };
            var delivered = new List<int>();
            var e = Assert.Throws<ConnectPagingException>(() =>
            {
                foreach (var r in ListingEngine.Run<int, int>(looping, i => i.ToString(), null, (i, ct) => Task.FromResult(i),
                             new ListingOptions(), new ListingMonitor(), CancellationToken.None))
                    delivered.Add(r.Value);
            });
            Assert.Contains("NextToken", e.Message);
            Assert.Equal(new[] { 10, 11, 20, 21 }, delivered);
            Assert.Equal(2, fetches);
        }

        [Fact]
        public void FirstPageOnlyStopsAfterOnePage()
        {
            int fetches = 0;
            var results = ListingEngine.Run<int, int>(Pages(50, 10, () => fetches++), i => i.ToString(), null, null,
                new ListingOptions { FirstPageOnly = true }, new ListingMonitor(), CancellationToken.None).ToList();
            Assert.Equal(10, results.Count);
            Assert.Equal(1, fetches);
        }

        [Fact]
        public async Task EveryUserExactlyOnceThroughA429Storm()
        {
            await using var h = await EmulatorHarness.StartAsync(o => { o.GeneratedUsers = 300; o.DisableQuotas = true; });
            var client = h.Client();
            h.Emulator.Faults.Add(FaultRule.ThrottleStorm(0.5, TimeSpan.FromSeconds(3), "DescribeUser"));
            var monitor = new ListingMonitor();
            var results = Listings.Users(client, h.Instance.Id, null, null, new ListingOptions { ThrottleLimit = 16, ThrottleRetryDelay = TimeSpan.FromMilliseconds(200) },
                monitor, CancellationToken.None).ToList();
            Assert.All(results, r => Assert.Null(r.Error));
            var ids = results.Select(r => r.Value!.Id!).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(h.Instance.Users.Select(u => u.Id).OrderBy(x => x), ids.OrderBy(x => x));
            Assert.True(h.Emulator.Stats[OperationNames.DescribeUser].Responses(429) > 0, "the storm throttled some calls");
            // In ListUsers order.
            var listed = new List<string>();
            string? token = null;
            do
            {
                var page = await client.ListUsersAsync(h.Instance.Id, token, 1000);
                listed.AddRange(page.Items.Select(u => u.Id!));
                token = page.NextToken;
            } while (token != null);
            Assert.Equal(listed, ids);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
        }
    }
}
