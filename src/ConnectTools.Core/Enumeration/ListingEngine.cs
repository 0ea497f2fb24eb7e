using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Enumeration
{
    /// <summary>How a listing runs.</summary>
    public sealed class ListingOptions
    {
        /// <summary>Detail calls in flight at once (PowerShell's -ThrottleLimit).</summary>
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>See <see cref="ConcurrencyDefaults.UserThrottleLimit"/>.</summary>
        public const int DefaultThrottleLimit = ConcurrencyDefaults.UserThrottleLimit;

        /// <summary>Only the first page (-NoAutoIteration).</summary>
        public bool FirstPageOnly { get; set; }

        /// <summary>How many results may wait for an earlier one, in order; bounds memory (<see cref="ConcurrencyDefaults.ReorderWindow"/>).</summary>
        public int ReorderWindow { get; set; } = ConcurrencyDefaults.ReorderWindow;

        /// <summary>Rounds of retries the engine adds on top of the SDK's when a call is still throttled (<see cref="ConcurrencyDefaults.ThrottleRetryRounds"/>).</summary>
        public int ThrottleRetryRounds { get; set; } = ConcurrencyDefaults.ThrottleRetryRounds;

        /// <summary>The first engine-level wait after a call stayed throttled (<see cref="ConcurrencyDefaults.ThrottleRetryDelayMilliseconds"/>).</summary>
        public TimeSpan ThrottleRetryDelay { get; set; } = ConcurrencyDefaults.ThrottleRetryDelay;

        /// <summary>What the listing is of, for messages ("users", "instances").</summary>
        public string Noun { get; set; } = "items";
    }

    /// <summary>One result, in enumeration order: a value, or the error for that one id.</summary>
    public readonly struct ListingResult<T>
    {
        internal ListingResult(string id, T? value, Exception? error)
        {
            Id = id;
            Value = value;
            Error = error;
        }

        public string Id { get; }
        public T? Value { get; }
        public Exception? Error { get; }
    }

    /// <summary>Live counts of a listing, safe to read from any thread (for Write-Progress).</summary>
    public sealed class ListingMonitor
    {
        private long _pages, _enumerated, _delivered, _failed, _throttleRetries;
        private long _approximateTotal = -1;
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly ConcurrentQueue<string> _messages = new ConcurrentQueue<string>();

        public long Pages => Interlocked.Read(ref _pages);
        public long Enumerated => Interlocked.Read(ref _enumerated);
        public long Delivered => Interlocked.Read(ref _delivered);
        public long Failed => Interlocked.Read(ref _failed);
        public long EngineThrottleRetries => Interlocked.Read(ref _throttleRetries);
        public bool ListingComplete { get; internal set; }
        public TimeSpan Elapsed => _watch.Elapsed;

        /// <summary>The total the service announced (SearchUsers), or what was enumerated once the listing ended; null when unknown.</summary>
        public long? ApproximateTotal
        {
            get
            {
                long t = Interlocked.Read(ref _approximateTotal);
                return t >= 0 ? t : ListingComplete ? Enumerated : (long?)null;
            }
        }

        /// <summary>Estimated time left, from the delivery rate so far; null when the total is unknown.</summary>
        public TimeSpan? Remaining
        {
            get
            {
                long? total = ApproximateTotal;
                long done = Delivered;
                double seconds = Elapsed.TotalSeconds;
                if (total == null || done == 0 || seconds <= 0) return null;
                double left = Math.Max(0, total.Value - done) / (done / seconds);
                return TimeSpan.FromSeconds(left);
            }
        }

        /// <summary>Messages for -Verbose, written by the pipeline thread when it drains them.</summary>
        public bool TryDequeueMessage(out string message)
        {
            if (_messages.TryDequeue(out var m)) { message = m; return true; }
            message = "";
            return false;
        }

        public void Say(string message) => _messages.Enqueue(message);

        internal void PageFetched(int count, long? total)
        {
            Interlocked.Increment(ref _pages);
            Interlocked.Add(ref _enumerated, count);
            if (total != null) Interlocked.Exchange(ref _approximateTotal, total.Value);
        }

        /// <summary>An item the client-side filter dropped: it no longer counts as listed.</summary>
        internal void Dropped() => Interlocked.Decrement(ref _enumerated);
        internal void OneDelivered(bool failed)
        {
            Interlocked.Increment(ref _delivered);
            if (failed) Interlocked.Increment(ref _failed);
        }

        internal void ThrottleRetry() => Interlocked.Increment(ref _throttleRetries);
    }

    /// <summary>
    /// Lists ids page by page and turns each into a full object with concurrent detail calls, delivering results on the
    /// caller's thread in enumeration order as they complete. Memory is bounded by the reorder window; stopping the
    /// enumeration (Select-Object -First, Ctrl+C) cancels the calls in flight and waits for them to end.
    /// </summary>
    public static class ListingEngine
    {
        /// <summary>
        /// Runs a listing. <paramref name="fetchPage"/> gets a page for a token (null first); <paramref name="idOf"/>
        /// names an item; <paramref name="keep"/> filters items client-side (null: all); <paramref name="detail"/>
        /// turns an item into the output (null: items are the output, no detail calls).
        /// <paramref name="onIdle"/> is called on the caller's thread about every <paramref name="idleInterval"/>
        /// while it waits (for progress and messages).
        /// </summary>
        public static IEnumerable<ListingResult<TOut>> Run<TItem, TOut>(
            Func<string?, CancellationToken, Task<Page<TItem>>> fetchPage,
            Func<TItem, string> idOf,
            Func<TItem, bool>? keep,
            Func<TItem, CancellationToken, Task<TOut>>? detail,
            ListingOptions options,
            ListingMonitor monitor,
            CancellationToken cancellationToken,
            Action? onIdle = null,
            TimeSpan? idleInterval = null)
        {
            if (options.ThrottleLimit < 1) throw new ArgumentOutOfRangeException(nameof(options), "ThrottleLimit must be at least 1.");
            var run = new Listing<TItem, TOut>(fetchPage, idOf, keep, detail, options, monitor, cancellationToken);
            return run.Consume(onIdle, idleInterval ?? TimeSpan.FromMilliseconds(250));
        }

        private sealed class Slot<TOut>
        {
            internal string Id = "";
            internal Task<TOut>? Pending;
            internal TOut? Value;
            internal Exception? Error;
            internal bool Fatal;
        }

        private sealed class Listing<TItem, TOut>
        {
            private readonly Func<string?, CancellationToken, Task<Page<TItem>>> _fetchPage;
            private readonly Func<TItem, string> _idOf;
            private readonly Func<TItem, bool>? _keep;
            private readonly Func<TItem, CancellationToken, Task<TOut>>? _detail;
            private readonly ListingOptions _options;
            private readonly ListingMonitor _monitor;
            private readonly CancellationToken _outer;
            private readonly BlockingCollection<Slot<TOut>> _queue;
            private readonly SemaphoreSlim _window;
            private readonly SemaphoreSlim _concurrency;
            private readonly ConcurrentDictionary<Task, byte> _inFlight = new ConcurrentDictionary<Task, byte>();

            internal Listing(Func<string?, CancellationToken, Task<Page<TItem>>> fetchPage, Func<TItem, string> idOf, Func<TItem, bool>? keep,
                Func<TItem, CancellationToken, Task<TOut>>? detail, ListingOptions options, ListingMonitor monitor, CancellationToken outer)
            {
                _fetchPage = fetchPage;
                _idOf = idOf;
                _keep = keep;
                _detail = detail;
                _options = options;
                _monitor = monitor;
                _outer = outer;
                int window = Math.Max(options.ReorderWindow, options.ThrottleLimit * 2);
                _queue = new BlockingCollection<Slot<TOut>>(new ConcurrentQueue<Slot<TOut>>(), window);
                _window = new SemaphoreSlim(window, window);
                _concurrency = new SemaphoreSlim(options.ThrottleLimit, options.ThrottleLimit);
            }

            internal IEnumerable<ListingResult<TOut>> Consume(Action? onIdle, TimeSpan idleInterval)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(_outer);
                Task producer = Task.Run(() => ProduceAsync(stop.Token));
                try
                {
                    while (true)
                    {
                        Slot<TOut>? slot;
                        while (!_queue.TryTake(out slot, idleInterval))
                        {
                            onIdle?.Invoke();
                            if (_queue.IsCompleted) break;
                            _outer.ThrowIfCancellationRequested();
                        }
                        if (slot == null)
                        {
                            if (_queue.IsCompleted) break;
                            continue;
                        }

                        if (slot.Pending != null)
                        {
                            while (!WaitDone(slot.Pending, idleInterval, _outer)) onIdle?.Invoke();
                            if (slot.Pending.IsFaulted) slot.Error = Unwrap(slot.Pending.Exception!);
                            else if (slot.Pending.IsCanceled)
                            {
                                _outer.ThrowIfCancellationRequested();
                                slot.Error = new TimeoutException("The call for '" + slot.Id + "' was cancelled before it completed (a timeout).");
                            }
                            else slot.Value = slot.Pending.Result;
                            _window.Release();
                        }
                        if (slot.Fatal) throw slot.Error!;
                        _monitor.OneDelivered(slot.Error != null);
                        yield return new ListingResult<TOut>(slot.Id, slot.Value, slot.Error);
                    }
                }
                finally
                {
                    // Early stop (Select-Object -First), Ctrl+C or an error: cancel what runs and wait for it to end.
                    stop.Cancel();
                    WaitQuietly(producer);
                    foreach (var task in _inFlight.Keys) WaitQuietly(task);
                    _monitor.ListingComplete = true;
                }
            }

            /// <summary>True once the task has ended (in any state); throws only when the caller cancels.</summary>
            private static bool WaitDone(Task task, TimeSpan timeout, CancellationToken ct)
            {
                try { return task.Wait((int)timeout.TotalMilliseconds, ct); }
                catch (AggregateException) { return true; }
            }

            private static void WaitQuietly(Task task)
            {
                try { task.Wait(TimeSpan.FromSeconds(30)); }
                catch (AggregateException) { }
            }

            private async Task ProduceAsync(CancellationToken ct)
            {
                try
                {
                    string? token = null;
                    var seenTokens = new HashSet<string>(StringComparer.Ordinal);
                    do
                    {
                        var page = await WithThrottleRetries(c => _fetchPage(token, c), ct).ConfigureAwait(false);
                        _monitor.PageFetched(page.Items.Count, page.ApproximateTotalCount);
                        foreach (var item in page.Items)
                        {
                            ct.ThrowIfCancellationRequested();
                            if (_keep != null && !_keep(item))
                            {
                                _monitor.Dropped();
                                continue;
                            }
                            string id = _idOf(item);
                            if (_detail == null)
                            {
                                _queue.Add(new Slot<TOut> { Id = id, Value = (TOut)(object)item! }, ct);
                                continue;
                            }
                            await _window.WaitAsync(ct).ConfigureAwait(false);
                            await _concurrency.WaitAsync(ct).ConfigureAwait(false);
                            var task = DetailAsync(item, ct);
                            _inFlight[task] = 0;
                            _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
                            _queue.Add(new Slot<TOut> { Id = id, Pending = task }, ct);
                        }
                        if (_options.FirstPageOnly) break;
                        token = page.NextToken;
                        if (token != null && !seenTokens.Add(token))
                            throw new ConnectPagingException(
                                $"The service returned a NextToken it had returned before, after {_monitor.Pages} pages and {_monitor.Enumerated} {_options.Noun}; " +
                                "stopping so the listing does not loop forever. The results so far were delivered. Try again; if it repeats, report it to AWS Support.");
                    } while (token != null);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    try { _queue.Add(new Slot<TOut> { Fatal = true, Error = e }); }
                    catch (InvalidOperationException) { }
                }
                finally
                {
                    _queue.CompleteAdding();
                }
            }

            private async Task<TOut> DetailAsync(TItem item, CancellationToken ct)
            {
                try
                {
                    return await WithThrottleRetries(c => _detail!(item, c), ct).ConfigureAwait(false);
                }
                finally
                {
                    _concurrency.Release();
                }
            }

            private Task<T> WithThrottleRetries<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
                ThrottleRetries.RunAsync(call, _options, _monitor, ct);

            private static Exception Unwrap(AggregateException e) => e.InnerExceptions.Count == 1 ? e.InnerExceptions[0] : e;
        }
    }

    /// <summary>A listing stopped because the service's paging went wrong (a repeated NextToken).</summary>
    public sealed class ConnectPagingException : Exception
    {
        public ConnectPagingException(string message) : base(message) { }
    }
}
