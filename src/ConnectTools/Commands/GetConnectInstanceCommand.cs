using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ConnectTools.Client;
using ConnectTools.Commands.Completers;
using ConnectTools.Enumeration;

namespace ConnectTools.Commands
{
    /// <summary>
    /// Gets Amazon Connect instances: DescribeInstance for each -InstanceId (an id or an instance ARN), or every
    /// instance of the account and Region (ListInstances, then DescribeInstance), optionally filtered by alias.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ConnectInstance", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(ConnectInstance))]
    public sealed class GetConnectInstanceCommand : ConnectCmdletBase
    {
        private const string ByIdSet = "ById";
        private const string ListSet = "List";
        internal const string NotFoundId = "ConnectInstanceNotFound";

        /// <summary>Instance ids or ARNs (position 0), or ConnectInstance objects and rows with InstanceId from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public ConnectInstanceIdentity[] InstanceId { get; set; } = Array.Empty<ConnectInstanceIdentity>();

        [Parameter(ParameterSetName = ListSet)]
        [SupportsWildcards]
        public string[]? InstanceAlias { get; set; }

        /// <summary>Only the first page of ListInstances (alias NoPaginate, like the CLI's --no-paginate).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("NoPaginate")]
        public SwitchParameter NoAutoIteration { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, ConcurrencyDefaults.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = ConcurrencyDefaults.InstanceThrottleLimit;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByIdSet) DescribeEach();
            else ListAll();
        }

        private void DescribeEach()
        {
            // Ids piped in one at a time are described concurrently across records; results keep input order.
            foreach (var instance in InstanceId)
            {
                if (instance == null) continue;
                Guard(() =>
                {
                    instance.RequireInstance();
                    var client = ClientFor(RegionFor(instance.Arn, "InstanceId", instance.Region, instance.RegionSource));
                    string id = instance.InstanceId!;
                    Say("DescribeInstance " + id + " in " + client.RegionName + ".");
                    DescribePiped(instance.Text, ct => client.DescribeInstanceAsync(id, ct), ConcurrencyDefaults.InstanceThrottleLimit, NotFoundId);
                }, instance.Text, NotFoundId);
            }
        }

        /// <summary>
        /// -Region with several names or *: the instances of each Region, listed concurrently and written as they
        /// arrive. A Region that fails (not enabled for the account, access denied, unreachable) is one
        /// non-terminating error naming the Region; the other Regions go on.
        /// </summary>
        private void ListInRegions(IReadOnlyList<string> regions, Func<ConnectInstance, bool>? keep)
        {
            var listings = new List<KeyValuePair<string, Func<IEnumerable<ListingResult<ConnectInstance>>>>>();
            var monitors = new List<KeyValuePair<string, ListingMonitor>>();
            foreach (var region in regions)
            {
                var client = ClientFor((region, "-Region"));
                var monitor = new ListingMonitor();
                monitors.Add(new KeyValuePair<string, ListingMonitor>(region, monitor));
                var options = new ListingOptions { ThrottleLimit = ThrottleLimit, FirstPageOnly = NoAutoIteration.IsPresent };
                listings.Add(new KeyValuePair<string, Func<IEnumerable<ListingResult<ConnectInstance>>>>(region,
                    () => Listings.Instances(client, keep, options, monitor, CancelToken)));
            }
            Say("Listing instances in " + regions.Count + " Regions at once: " + string.Join(", ", regions) + ".");

            void Drain()
            {
                foreach (var m in monitors)
                    while (m.Value.TryDequeueMessage(out var message)) Say(m.Key + ": " + message);
                DrainMessages();
            }

            foreach (var result in RegionFanOut.Run(listings, CancelToken, Drain))
            {
                Drain();
                if (result.RegionFailure != null)
                {
                    var record = ErrorMapping.ToRecord(result.RegionFailure, result.Region, NotFoundId);
                    record.ErrorDetails = new ErrorDetails("Region " + result.Region + ": " + result.RegionFailure.Message +
                                                           " The other Regions go on; leave this one out of -Region if it is not enabled for the account.");
                    WriteError(record);
                }
                else
                {
                    var item = result.Item!.Value;
                    if (item.Error == null) WriteObject(item.Value);
                    else WriteError(ErrorMapping.ToRecord(item.Error, item.Id, NotFoundId)); // never ends the other Regions' listings
                }
            }
            Drain();
        }

        private void ListAll()
        {
            var patterns = (InstanceAlias ?? Array.Empty<string>())
                .Select(a => new { Text = a, Pattern = new WildcardPattern(a, WildcardOptions.IgnoreCase), Literal = !WildcardPattern.ContainsWildcardCharacters(a) })
                .ToList();
            var matchedLiterals = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            Func<ConnectInstance, bool>? keep = null;
            if (patterns.Count > 0)
            {
                keep = summary =>
                {
                    bool any = false;
                    foreach (var p in patterns)
                    {
                        if (!p.Pattern.IsMatch(summary.InstanceAlias ?? "")) continue;
                        any = true;
                        if (p.Literal) lock (matchedLiterals) matchedLiterals.Add(p.Text);
                    }
                    return any;
                };
            }

            Guard(() =>
            {
                var regions = RegionsToList();
                if (regions != null)
                {
                    ListInRegions(regions, keep);
                    return;
                }
                var client = ClientFor(null, "InstanceId");
                var writer = new ListingWriter("Get-ConnectInstance: listing instances", ProgressVisible, Say, WriteProgress, DrainMessages);
                var options = new ListingOptions { ThrottleLimit = ThrottleLimit, FirstPageOnly = NoAutoIteration.IsPresent };
                var results = Listings.Instances(client, keep, options, writer.Monitor, CancelToken, writer.Idle);
                writer.Write(results, WriteObject, (e, id) => WriteItemError(e, id, NotFoundId));
            }, null, NotFoundId);

            foreach (var p in patterns.Where(p => p.Literal && !matchedLiterals.Contains(p.Text)))
            {
                var e = new ItemNotFoundException($"No Connect instance has the alias '{p.Text}'{(NoAutoIteration ? " on the first page" : "")}. " +
                                                  "Check the alias and the Region, or use a wildcard (for example -InstanceAlias '" + p.Text + "*').");
                WriteError(new ErrorRecord(e, "ConnectInstanceAliasNotFound", ErrorCategory.ObjectNotFound, p.Text));
            }
        }
    }
}
