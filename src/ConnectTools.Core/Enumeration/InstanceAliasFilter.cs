using System;
using System.Collections.Generic;
using System.Linq;

namespace ConnectTools.Enumeration
{
    /// <summary>
    /// Get-ConnectInstance's -InstanceAlias: an instance is kept when its alias matches any of the patterns (in the
    /// caller's <see cref="IWildcardDialect"/>). A literal alias that matched no instance is reported afterwards
    /// (<see cref="UnmatchedLiterals"/>); a wildcard that matches nothing is not an error.
    /// </summary>
    public sealed class InstanceAliasFilter
    {
        private readonly List<(string Text, Func<string, bool> Match, bool Literal)> _patterns;
        private readonly HashSet<string> _matchedLiterals = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public InstanceAliasFilter(IEnumerable<string>? aliases, IWildcardDialect wildcards)
        {
            if (wildcards == null) throw new ArgumentNullException(nameof(wildcards));
            _patterns = (aliases ?? Array.Empty<string>()).Select(a => (a, wildcards.Compile(a), !wildcards.HasWildcards(a))).ToList();
        }

        /// <summary>The client-side filter for the listing (safe to call from the listing's threads); null: keep every instance.</summary>
        public Func<ConnectInstance, bool>? Keep => _patterns.Count == 0 ? null : (Func<ConnectInstance, bool>)Matches;

        /// <summary>The literal aliases no listed instance had, in the order given.</summary>
        public IEnumerable<string> UnmatchedLiterals()
        {
            lock (_matchedLiterals) return _patterns.Where(p => p.Literal && !_matchedLiterals.Contains(p.Text)).Select(p => p.Text).ToList();
        }

        /// <summary>Why a literal alias is an error, and the fix.</summary>
        public static string NotFoundMessage(string alias, bool firstPageOnly) =>
            $"No Connect instance has the alias '{alias}'{(firstPageOnly ? " on the first page" : "")}. " +
            "Check the alias and the Region, or use a wildcard (for example -InstanceAlias '" + alias + "*').";

        private bool Matches(ConnectInstance instance)
        {
            bool any = false;
            foreach (var p in _patterns)
            {
                if (!p.Match(instance.InstanceAlias ?? "")) continue;
                any = true;
                if (p.Literal) lock (_matchedLiterals) _matchedLiterals.Add(p.Text);
            }
            return any;
        }
    }
}
