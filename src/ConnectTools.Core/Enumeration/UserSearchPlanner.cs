using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ConnectTools.Enumeration
{
    /// <summary>
    /// Maps PowerShell wildcard filters onto SearchUsers conditions: "name" is EXACT, "prefix*" STARTS_WITH, "*part*"
    /// CONTAINS (2–25 characters, the service's limits); anything the service cannot express exactly is narrowed as
    /// far as it can be and finished client-side with PowerShell's own wildcard matching.
    /// </summary>
    public static class UserSearchPlanner
    {
        public const int ContainsMin = 2, ContainsMax = 25;

        public static SearchPlan Plan(UserFilter filter)
        {
            Validate(filter);
            var notes = new List<string>();
            var and = new List<UserSearchCriteria>();
            AddNameField(and, notes, "Username", filter.Username);
            AddNameField(and, notes, "FirstName", filter.FirstName);
            AddNameField(and, notes, "LastName", filter.LastName);
            AddExactField(and, notes, "RoutingProfileId", filter.RoutingProfileId);
            AddExactField(and, notes, "SecurityProfileId", filter.SecurityProfileId);
            if (filter.HierarchyGroupId.Count > 0)
            {
                and.Add(AnyOf(filter.HierarchyGroupId.Select(h => new UserSearchCriteria
                {
                    HierarchyGroupCondition = new HierarchyGroupCondition { Value = h, HierarchyGroupMatchType = "EXACT" },
                }).ToList()));
                notes.Add("HierarchyGroupId: " + string.Join(" or ", filter.HierarchyGroupId) + " (EXACT)");
            }

            UserSearchCriteria? criteria = and.Count == 0 ? null : and.Count == 1 ? and[0] : new UserSearchCriteria { AndConditions = and };
            UserSearchFilter? searchFilter = null;
            if (filter.Tags.Count > 0)
            {
                searchFilter = new UserSearchFilter
                {
                    TagFilter = new ControlPlaneTagFilter
                    {
                        AndConditions = filter.Tags.Select(t => new TagCondition { TagKey = t.Key, TagValue = t.Value }).ToList(),
                    },
                };
                notes.Add("Tags: " + string.Join(" and ", filter.Tags.Select(t => t.Key + "=" + t.Value)));
            }
            return new SearchPlan(criteria, searchFilter, notes);
        }

        private static void Validate(UserFilter f)
        {
            foreach (var (name, values) in new[] { ("Username", f.Username), ("FirstName", f.FirstName), ("LastName", f.LastName),
                         ("RoutingProfileId", f.RoutingProfileId), ("SecurityProfileId", f.SecurityProfileId), ("HierarchyGroupId", f.HierarchyGroupId) })
            {
                foreach (var v in values)
                    if (string.IsNullOrWhiteSpace(v))
                        throw new ConnectInputException(name, $"-{name} holds an empty value. Give a value, or leave -{name} out.");
            }
            foreach (var tag in f.Tags)
            {
                if (string.IsNullOrWhiteSpace(tag.Key))
                    throw new ConnectInputException("Tag", "-Tag has an empty key. Give keys and values like @{ Department = 'Sales' }.");
                if (tag.Value == null)
                    throw new ConnectInputException("Tag", $"-Tag has no value for the key '{InputText.Show(tag.Key)}'. Give keys and values like @{{ Department = 'Sales' }}.");
            }
        }

        private static void AddExactField(List<UserSearchCriteria> and, List<string> notes, string field, IList<string> values)
        {
            if (values.Count == 0) return;
            and.Add(AnyOf(values.Select(v => Leaf(field, v, "EXACT")).ToList()));
            notes.Add(field + ": " + string.Join(" or ", values) + " (EXACT)");
        }

        private static void AddNameField(List<UserSearchCriteria> and, List<string> notes, string field, IList<string> patterns)
        {
            if (patterns.Count == 0) return;
            var leaves = new List<UserSearchCriteria>();
            foreach (var pattern in patterns)
            {
                var (comparison, value) = ServerCondition(pattern);
                if (comparison == null)
                {
                    notes.Add(field + ": '" + pattern + "' cannot be narrowed by the service; every user is checked client-side");
                    return; // one pattern without a server condition means the field cannot be narrowed at all
                }
                leaves.Add(Leaf(field, value!, comparison));
                notes.Add(field + ": '" + pattern + "' -> " + comparison + " '" + value + "'" + (IsExact(pattern) ? "" : ", then matched client-side"));
            }
            and.Add(AnyOf(leaves));
        }

        private static UserSearchCriteria AnyOf(List<UserSearchCriteria> leaves) =>
            leaves.Count == 1 ? leaves[0] : new UserSearchCriteria { OrConditions = leaves };

        private static UserSearchCriteria Leaf(string field, string value, string comparison) =>
            new UserSearchCriteria { StringCondition = new StringCondition { FieldName = field, Value = value, ComparisonType = comparison } };

        private static bool IsExact(string pattern) => Tokenize(pattern).All(t => t.Literal);

        /// <summary>The server condition for one wildcard pattern: (null, null) when the service cannot narrow it.</summary>
        public static (string? Comparison, string? Value) ServerCondition(string pattern)
        {
            var tokens = Tokenize(pattern);
            if (tokens.All(t => t.Literal)) return ("EXACT", string.Concat(tokens.Select(t => t.Char)));

            var prefix = new StringBuilder();
            foreach (var t in tokens)
            {
                if (!t.Literal) break;
                prefix.Append(t.Char);
            }
            if (prefix.Length > 0) return ("STARTS_WITH", prefix.ToString());

            string longest = "";
            var run = new StringBuilder();
            foreach (var t in tokens.Concat(new[] { Token.Wild }))
            {
                if (t.Literal) { run.Append(t.Char); continue; }
                if (run.Length > longest.Length) longest = run.ToString();
                run.Clear();
            }
            if (longest.Length < ContainsMin) return (null, null);
            return ("CONTAINS", longest.Length > ContainsMax ? longest.Substring(0, ContainsMax) : longest);
        }

        private readonly struct Token
        {
            internal Token(bool literal, char c)
            {
                Literal = literal;
                Char = c;
            }

            internal bool Literal { get; }
            internal char Char { get; }
            internal static Token Wild => new Token(false, '*');
        }

        /// <summary>PowerShell wildcard syntax: * ? [set] are wildcards; a backtick escapes the next character.</summary>
        private static List<Token> Tokenize(string pattern)
        {
            var tokens = new List<Token>();
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '`' && i + 1 < pattern.Length)
                {
                    tokens.Add(new Token(true, pattern[++i]));
                }
                else if (c == '*' || c == '?')
                {
                    tokens.Add(Token.Wild);
                }
                else if (c == '[')
                {
                    int close = pattern.IndexOf(']', i + 1);
                    if (close < 0) { tokens.Add(new Token(true, c)); continue; }
                    tokens.Add(Token.Wild);
                    i = close;
                }
                else
                {
                    tokens.Add(new Token(true, c));
                }
            }
            return tokens;
        }
    }
}
