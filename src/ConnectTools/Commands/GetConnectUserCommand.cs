using System;
using System.Collections;
using System.Management.Automation;
using ConnectTools.Commands.Completers;
using ConnectTools.Enumeration;

namespace ConnectTools.Commands
{
    /// <summary>
    /// Gets Amazon Connect users: DescribeUser for each -UserId (an id or a user ARN), or the users of an instance,
    /// filtered on the server where the service allows and re-checked client-side, streamed as they arrive.
    /// </summary>
    // No default parameter set: PowerShell then picks ById whenever a piped object (a CSV row, a ConnectUser) carries
    // UserId, and List when it carries only InstanceId (a ConnectInstance). With List as the default, objects with
    // both would be bound to List and list every user.
    [Cmdlet(VerbsCommon.Get, "ConnectUser")]
    [OutputType(typeof(ConnectUser), ParameterSetName = new[] { ByIdSet, ListSet })]
    [OutputType(typeof(ConnectUserSummary), ParameterSetName = new[] { ListSet })]
    public sealed class GetConnectUserCommand : ConnectCmdletBase
    {
        private const string ByIdSet = "ById";
        private const string ListSet = "List";
        internal const string NotFoundId = "ConnectUserNotFound";
        internal const string InstanceNotFoundId = "ConnectInstanceNotFound";

        /// <summary>
        /// The instance (position 0): ids or ARNs, ConnectInstance objects, or plain strings from the pipeline. In the
        /// List set a user ARN here describes that user.
        /// </summary>
        [Parameter(Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ListSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public ConnectInstanceIdentity[] InstanceId { get; set; } = Array.Empty<ConnectInstanceIdentity>();

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        public ConnectUserIdentity[] UserId { get; set; } = Array.Empty<ConnectUserIdentity>();

        [Parameter(ParameterSetName = ListSet)]
        [SupportsWildcards]
        public string[]? Username { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [SupportsWildcards]
        public string[]? FirstName { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [SupportsWildcards]
        public string[]? LastName { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public string[]? RoutingProfileId { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public string[]? SecurityProfileId { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public string[]? HierarchyGroupId { get; set; }

        /// <summary>Users having all of these tags (key = value).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public Hashtable? Tag { get; set; }

        /// <summary>Emit ConnectUserSummary objects straight from SearchUsers (500 a call, no DescribeUser calls).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Summary { get; set; }

        /// <summary>Only the first page of the listing (alias NoPaginate, like the CLI's --no-paginate).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("NoPaginate")]
        public SwitchParameter NoAutoIteration { get; set; }

        /// <summary>DescribeUser calls in flight at once. The pace itself follows the account's quota.</summary>
        [Parameter]
        [ValidateRange(1, ConcurrencyDefaults.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = ConcurrencyDefaults.UserThrottleLimit;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByIdSet) DescribeEach();
            else ListUsers();
        }

        private void DescribeEach()
        {
            if (InstanceId.Length > 1)
            {
                var e = new ConnectInputException("InstanceId", "-InstanceId names several instances, but -UserId needs one (or none, with user ARNs). Give one instance.");
                WriteError(ErrorMapping.ToRecord(e, InstanceId, InstanceNotFoundId));
                return;
            }
            var instance = InstanceId.Length == 1 ? InstanceId[0] : null;
            if (instance != null)
            {
                bool ok = false;
                Guard(() => { instance.RequireInstance(); ok = true; }, instance.Text, InstanceNotFoundId);
                if (!ok) return;
            }
            foreach (var user in UserId)
            {
                if (user == null) continue;
                Guard(() => DescribeOne(instance, user), user.Text, NotFoundId);
            }
        }

        /// <summary>DescribeUser for one user; calls for ids piped one record at a time run concurrently, results keep input order.</summary>
        private void DescribeOne(ConnectInstanceIdentity? instance, ConnectUserIdentity user)
        {
            user.ThrowIfInvalid();
            string instanceId = user.InstanceFor(instance);
            var client = ClientFor(user, instance);
            string userId = user.UserId!;
            Say("DescribeUser " + userId + " on instance " + instanceId + " in " + client.RegionName + ".");
            DescribePiped(user.Text, ct => client.DescribeUserAsync(instanceId, userId, ct), ThrottleLimit, NotFoundId);
        }

        private void ListUsers()
        {
            foreach (var instance in InstanceId)
            {
                if (instance == null) continue;
                if (instance.IsUserArn)
                {
                    // A user ARN at position 0 (or piped as a string): describe that user.
                    if (Query().IsFiltered)
                    {
                        var e = new ConnectInputException("InstanceId",
                            $"'{InputText.Show(instance.Text)}' is the ARN of a user; filters and -Summary apply to listing the users of an instance. Give the instance id or ARN, or drop the filters.");
                        WriteError(ErrorMapping.ToRecord(e, instance.Text, NotFoundId));
                        continue;
                    }
                    Guard(() => DescribeOne(null, new ConnectUserIdentity(instance.Arn!.Text)), instance.Text, NotFoundId);
                    continue;
                }
                Guard(() => ListInstanceUsers(instance), instance.Text, InstanceNotFoundId);
            }
        }

        /// <summary>The users of one instance, as the core's <see cref="UserQuery"/> plans them (ListUsers or SearchUsers).</summary>
        private void ListInstanceUsers(ConnectInstanceIdentity instance)
        {
            instance.ThrowIfInvalid();
            string instanceId = instance.InstanceId!;
            var query = Query();
            foreach (var note in query.Plan()?.Notes ?? Array.Empty<string>()) Say("Filter " + note + ".");
            var client = ClientFor(instance);
            var options = NewListingOptions(ThrottleLimit, NoAutoIteration.IsPresent);
            var monitor = WriteListing("Get-ConnectUser: users of " + instanceId,
                (m, idle) => Listings.Users(client, instanceId, query, options, m, CancelToken, idle), NotFoundId);
            if (monitor.EngineThrottleRetries > 0)
                Say("Throttled calls retried after the SDK's own retries: " + monitor.EngineThrottleRetries + ".");
        }

        /// <summary>The filters as given; the core owns what they mean.</summary>
        private UserQuery Query()
        {
            var query = new UserQuery(PowerShellWildcards.Instance)
            {
                Username = Username,
                FirstName = FirstName,
                LastName = LastName,
                RoutingProfileId = RoutingProfileId,
                SecurityProfileId = SecurityProfileId,
                HierarchyGroupId = HierarchyGroupId,
                Summary = Summary.IsPresent,
            };
            if (Tag != null)
                foreach (DictionaryEntry entry in Tag)
                    query.AddTag(CmdletSession.Unwrap(entry.Key)?.ToString() ?? "", CmdletSession.Unwrap(entry.Value)?.ToString());
            return query;
        }
    }
}
