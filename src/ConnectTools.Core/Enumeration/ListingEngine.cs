using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Enumeration
{
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

        private sealed class Listing<TItem, TOut>
        {
            private readonly Func<string?, CancellationToken, Task<Page<TItem>>> _fetchPage;
            private readonly Func<TItem, string> _idOf;
            private readonly Func<TItem, bool>? _keep;
            private readonly Func<TItem, CancellationToken, Task<TOut>>? _detail;
            private readonly ListingOptions _options;
            private readonly ListingMonitor _monitor;
            private readonly CancellationToken _outer;

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
            }

            internal IEnumerable<ListingResult<TOut>> Consume(Action? onIdle, TimeSpan idleInterval)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(_outer);
                var calls = new OrderedCalls<TOut>(_options, _monitor, stop.Token);
                Task producer = Task.Run(() => ProduceAsync(calls, stop.Token));
                try
                {
                    foreach (var result in calls.Results(onIdle, idleInterval)) yield return result;
                }
                finally
                {
                    // Early stop (Select-Object -First), Ctrl+C or an error: cancel what runs and wait for it to end.
                    stop.Cancel();
                    try { producer.Wait(TimeSpan.FromSeconds(30)); }
                    catch (AggregateException) { }
                    calls.Dispose();
                    _monitor.ListingComplete = true;
                }
            }

            private async Task ProduceAsync(OrderedCalls<TOut> calls, CancellationToken ct)
            {
                try
                {
                    string? token = null;
                    var seenTokens = new HashSet<string>(StringComparer.Ordinal);
                    do
                    {
                        var page = await ThrottleRetries.RunAsync(c => _fetchPage(token, c), _options, _monitor, ct).ConfigureAwait(false);
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
                            if (_detail == null) await calls.AddValueAsync(id, (TOut)(object)item!).ConfigureAwait(false);
                            else await calls.StartAsync(id, c => _detail(item, c)).ConfigureAwait(false);
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
                    calls.Fail(e);
                }
                finally
                {
                    calls.CompleteAdding();
                }
            }
        }
    }
}
