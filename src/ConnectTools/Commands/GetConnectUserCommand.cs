using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
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

        [Parameter(Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string? InstanceId { get; set; }

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        public string[] UserId { get; set; } = Array.Empty<string>();

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
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = ListingOptions.DefaultThrottleLimit;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByIdSet) DescribeEach();
            else ListUsers();
        }

        private void DescribeEach()
        {
            InstanceRef? instance = null;
            if (InstanceId != null)
            {
                bool ok = false;
                Guard(() => { instance = ResourceIds.ParseInstance(InstanceId); ok = true; }, InstanceId, InstanceNotFoundId);
                if (!ok) return;
            }

            var targets = new List<(UserRef User, string InstanceId, ConnectArn? Arn)>();
            foreach (var value in UserId)
            {
                Guard(() =>
                {
                    var user = ResourceIds.ParseUser(value);
                    string instanceId = ResourceIds.InstanceForUser(instance, user);
                    targets.Add((user, instanceId, user.Arn ?? instance?.Arn));
                }, value, NotFoundId);
            }

            // Calls for ids piped in one record at a time run concurrently across records; results keep input order.
            foreach (var target in targets)
            {
                Guard(() =>
                {
                    var client = ClientFor(target.Arn, target.User.Arn != null ? "UserId" : "InstanceId");
                    Say("DescribeUser " + target.User.UserId + " on instance " + target.InstanceId + ".");
                    DescribePiped(target.User.Text, ct => client.DescribeUserAsync(target.InstanceId, target.User.UserId, ct), ThrottleLimit, NotFoundId);
                }, target.User.Text, NotFoundId);
            }
        }

        private void ListUsers()
        {
            Guard(() =>
            {
                var instance = ResourceIds.ParseInstance(InstanceId);
                var filter = BuildFilter();
                var plan = filter.IsEmpty && !Summary ? null : UserSearchPlanner.Plan(filter);
                if (plan != null)
                    foreach (var note in plan.Notes) Say("Filter " + note + ".");
                var check = filter.IsEmpty ? null : ClientCheck();
                var client = ClientFor(instance.Arn, "InstanceId");
                var options = new ListingOptions { ThrottleLimit = ThrottleLimit, FirstPageOnly = NoAutoIteration.IsPresent };
                var writer = new ListingWriter("Get-ConnectUser: users of " + instance.InstanceId, ProgressVisible, Say, WriteProgress, DrainMessages);
                Action idle = writer.Idle;
                if (Summary)
                {
                    var results = Listings.UserSummaries(client, instance.InstanceId, plan!, check, options, writer.Monitor, CancelToken, idle);
                    writer.Write(results, WriteObject, (e, id) => WriteItemError(e, id, NotFoundId));
                }
                else
                {
                    var results = Listings.Users(client, instance.InstanceId, plan, check, options, writer.Monitor, CancelToken, idle);
                    writer.Write(results, WriteObject, (e, id) => WriteItemError(e, id, NotFoundId));
                }
                if (writer.Monitor.EngineThrottleRetries > 0)
                    Say("Throttled calls retried after the SDK's own retries: " + writer.Monitor.EngineThrottleRetries + ".");
            }, InstanceId, InstanceNotFoundId);
        }

        private UserFilter BuildFilter()
        {
            var f = new UserFilter();
            void AddAll(IList<string> to, string[]? values)
            {
                if (values == null) return;
                foreach (var v in values) to.Add(v);
            }
            AddAll(f.Username, Username);
            AddAll(f.FirstName, FirstName);
            AddAll(f.LastName, LastName);
            AddAll(f.RoutingProfileId, RoutingProfileId);
            AddAll(f.SecurityProfileId, SecurityProfileId);
            AddAll(f.HierarchyGroupId, HierarchyGroupId);
            if (Tag != null)
            {
                foreach (DictionaryEntry entry in Tag)
                {
                    string key = entry.Key is PSObject pk ? pk.BaseObject?.ToString() ?? "" : entry.Key?.ToString() ?? "";
                    object? raw = entry.Value is PSObject pv ? pv.BaseObject : entry.Value;
                    if (f.Tags.ContainsKey(key))
                        throw new ConnectInputException("Tag", $"-Tag names the key '{InputText.Show(key)}' twice. Give each key once.");
                    f.Tags[key] = raw?.ToString()!;
                }
            }
            return f;
        }

        /// <summary>The exact filter, with PowerShell's own wildcard semantics, applied to each search result.</summary>
        private Func<ConnectUserSummary, bool> ClientCheck()
        {
            static WildcardPattern[]? Patterns(string[]? values) =>
                values?.Select(v => new WildcardPattern(v, WildcardOptions.IgnoreCase)).ToArray();
            static bool AnyMatch(WildcardPattern[]? patterns, string? value) =>
                patterns == null || patterns.Any(p => p.IsMatch(value ?? ""));
            static bool AnyEqual(string[]? wanted, IEnumerable<string?> have) =>
                wanted == null || wanted.Any(w => have.Any(h => string.Equals(h, w, StringComparison.Ordinal)));

            var user = Patterns(Username);
            var first = Patterns(FirstName);
            var last = Patterns(LastName);
            var routing = RoutingProfileId;
            var security = SecurityProfileId;
            var hierarchy = HierarchyGroupId;
            var tags = BuildFilter().Tags;
            return s => AnyMatch(user, s.Username) && AnyMatch(first, s.IdentityInfo?.FirstName) && AnyMatch(last, s.IdentityInfo?.LastName) &&
                        AnyEqual(routing, new[] { s.RoutingProfileId }) &&
                        AnyEqual(security, s.SecurityProfileIds ?? Array.Empty<string>()) &&
                        AnyEqual(hierarchy, new[] { s.HierarchyGroupId }) &&
                        tags.All(t => s.Tags != null && s.Tags.TryGetValue(t.Key, out var v) && v == t.Value);
        }
    }
}
