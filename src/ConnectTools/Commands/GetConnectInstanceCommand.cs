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
                    var client = ClientFor(instance);
                    string id = instance.InstanceId!;
                    Say("DescribeInstance " + id + " in " + client.RegionName + ".");
                    DescribePiped(instance.Text, ct => client.DescribeInstanceAsync(id, ct), ConcurrencyDefaults.InstanceThrottleLimit, NotFoundId);
                }, instance.Text, NotFoundId);
            }
        }

        private void ListAll()
        {
            var aliases = new InstanceAliasFilter(InstanceAlias, PowerShellWildcards.Instance);
            Guard(() =>
            {
                var regions = RegionsToList();
                if (regions != null)
                {
                    ListInRegions(regions, aliases.Keep);
                    return;
                }
                var client = ClientFor(RegionFor(null, "InstanceId"));
                WriteListing("Get-ConnectInstance: listing instances",
                    (monitor, idle) => Listings.Instances(client, aliases.Keep, Options(), monitor, CancelToken, idle), NotFoundId);
            }, null, NotFoundId);

            foreach (var alias in aliases.UnmatchedLiterals())
            {
                var e = new ItemNotFoundException(InstanceAliasFilter.NotFoundMessage(alias, NoAutoIteration));
                WriteError(new ErrorRecord(e, "ConnectInstanceAliasNotFound", ErrorCategory.ObjectNotFound, alias));
            }
        }

        /// <summary>
        /// -Region with several names or *: the instances of each Region, listed concurrently and written as they
        /// arrive. A Region that fails (not enabled for the account, access denied, unreachable) is one
        /// non-terminating error naming the Region; the other Regions go on.
        /// </summary>
        private void ListInRegions(IReadOnlyList<string> regions, Func<ConnectInstance, bool>? keep)
        {
            var clients = regions.Select(r => new KeyValuePair<string, IConnectOperations>(r, ClientFor((r, "-Region")))).ToList();
            var monitor = new ListingMonitor();
            void Drain()
            {
                while (monitor.TryDequeueMessage(out var message)) Say(message);
                DrainMessages();
            }

            foreach (var result in Listings.InstancesInRegions(clients, keep, Options, monitor, CancelToken, Drain))
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

        private ListingOptions Options() => NewListingOptions(ThrottleLimit, NoAutoIteration.IsPresent);
    }
}
