using System.Collections.Generic;

namespace ConnectTools.Enumeration
{
    /// <summary>What to ask SearchUsers for; the exact filter is re-checked client-side.</summary>
    public sealed class SearchPlan
    {
        internal SearchPlan(UserSearchCriteria? criteria, UserSearchFilter? filter, IReadOnlyList<string> notes)
        {
            Criteria = criteria;
            Filter = filter;
            Notes = notes;
        }

        public UserSearchCriteria? Criteria { get; }
        public UserSearchFilter? Filter { get; }

        /// <summary>How each filter was mapped (for -Verbose).</summary>
        public IReadOnlyList<string> Notes { get; }
    }
}
