using System;
using System.Collections.Generic;

namespace ConnectTools.Enumeration
{
    /// <summary>The filters of a user listing, as the caller gave them (name fields may hold PowerShell wildcards).</summary>
    public sealed class UserFilter
    {
        public IList<string> Username { get; } = new List<string>();
        public IList<string> FirstName { get; } = new List<string>();
        public IList<string> LastName { get; } = new List<string>();
        public IList<string> RoutingProfileId { get; } = new List<string>();
        public IList<string> SecurityProfileId { get; } = new List<string>();
        public IList<string> HierarchyGroupId { get; } = new List<string>();
        public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public bool IsEmpty => Username.Count == 0 && FirstName.Count == 0 && LastName.Count == 0 && RoutingProfileId.Count == 0 &&
                               SecurityProfileId.Count == 0 && HierarchyGroupId.Count == 0 && Tags.Count == 0;
    }
}
