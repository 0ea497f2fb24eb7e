using System;
using System.Collections.Generic;
using System.Linq;

namespace ConnectTools.Enumeration
{
    /// <summary>
    /// What a caller asks of the users of an instance, with the semantics of Get-ConnectUser's filters: the values of
    /// one filter are alternatives and different filters must all match; names (-Username, -FirstName, -LastName)
    /// are wildcard patterns in the caller's <see cref="IWildcardDialect"/>, profile and group ids match exactly, and a
    /// user must have every tag with its value. A filter left null was not given.
    /// It also makes the choice of API: no filter and no summaries list every user with ListUsers; anything else asks
    /// SearchUsers for what the service can narrow (<see cref="UserSearchPlanner"/>) and checks each result again
    /// here (<see cref="ClientCheck"/>), so the results are exactly what the filters mean.
    /// </summary>
    public sealed class UserQuery
    {
        private readonly IWildcardDialect _wildcards;
        private readonly Dictionary<string, string> _tags = new Dictionary<string, string>(StringComparer.Ordinal);

        public UserQuery(IWildcardDialect wildcards)
        {
            _wildcards = wildcards ?? throw new ArgumentNullException(nameof(wildcards));
        }

        public string[]? Username { get; set; }
        public string[]? FirstName { get; set; }
        public string[]? LastName { get; set; }
        public string[]? RoutingProfileId { get; set; }
        public string[]? SecurityProfileId { get; set; }
        public string[]? HierarchyGroupId { get; set; }

        /// <summary>Summaries straight from SearchUsers (no DescribeUser calls): -Summary.</summary>
        public bool Summary { get; set; }

        /// <summary>Adds a tag the users must have (-Tag); a key given twice is an input error.</summary>
        public void AddTag(string key, string? value)
        {
            if (_tags.ContainsKey(key))
                throw new ConnectInputException("Tag", $"-Tag names the key '{InputText.Show(key)}' twice. Give each key once.");
            _tags[key] = value!; // a missing value is refused by the planner, with the key in the message
        }

        /// <summary>The filters as the planner takes them.</summary>
        public UserFilter ToFilter()
        {
            var f = new UserFilter();
            AddAll(f.Username, Username);
            AddAll(f.FirstName, FirstName);
            AddAll(f.LastName, LastName);
            AddAll(f.RoutingProfileId, RoutingProfileId);
            AddAll(f.SecurityProfileId, SecurityProfileId);
            AddAll(f.HierarchyGroupId, HierarchyGroupId);
            foreach (var tag in _tags) f.Tags[tag.Key] = tag.Value;
            return f;
        }

        /// <summary>True when the query asks more than "every user, in full" (a filter, or summaries).</summary>
        public bool IsFiltered => !ToFilter().IsEmpty || Summary;

        /// <summary>
        /// The SearchUsers plan (its notes say how each filter was mapped), or null when the listing uses ListUsers.
        /// Unusable filter values (empty, a tag without a value) are input errors, before any call.
        /// </summary>
        public SearchPlan? Plan()
        {
            var filter = ToFilter();
            return filter.IsEmpty && !Summary ? null : UserSearchPlanner.Plan(filter);
        }

        /// <summary>The exact filter, applied to each search result; null when there is no filter.</summary>
        public Func<ConnectUserSummary, bool>? ClientCheck()
        {
            if (ToFilter().IsEmpty) return null;
            var user = Patterns(Username);
            var first = Patterns(FirstName);
            var last = Patterns(LastName);
            var routing = RoutingProfileId;
            var security = SecurityProfileId;
            var hierarchy = HierarchyGroupId;
            var tags = _tags.ToList();
            return s => AnyMatch(user, s.Username) && AnyMatch(first, s.IdentityInfo?.FirstName) && AnyMatch(last, s.IdentityInfo?.LastName) &&
                        AnyEqual(routing, new[] { s.RoutingProfileId }) &&
                        AnyEqual(security, s.SecurityProfileIds ?? Array.Empty<string>()) &&
                        AnyEqual(hierarchy, new[] { s.HierarchyGroupId }) &&
                        tags.All(t => s.Tags != null && s.Tags.TryGetValue(t.Key, out var v) && v == t.Value);
        }

        private Func<string, bool>[]? Patterns(string[]? values) => values?.Select(v => _wildcards.Compile(v)).ToArray();

        private static bool AnyMatch(Func<string, bool>[]? patterns, string? value) =>
            patterns == null || patterns.Any(p => p(value ?? ""));

        private static bool AnyEqual(string[]? wanted, IEnumerable<string?> have) =>
            wanted == null || wanted.Any(w => have.Any(h => string.Equals(h, w, StringComparison.Ordinal)));

        private static void AddAll(IList<string> to, string[]? values)
        {
            if (values == null) return;
            foreach (var v in values) to.Add(v);
        }
    }
}
