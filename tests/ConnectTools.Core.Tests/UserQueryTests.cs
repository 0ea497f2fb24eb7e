using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ConnectTools.Enumeration;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>
    /// The filter semantics Get-ConnectUser and Get-ConnectInstance hand to the core: which API lists, what the
    /// service is asked, and what the client-side check keeps. The wildcard language is the caller's; here a small
    /// '*'-only dialect stands in for PowerShell's.
    /// </summary>
    public class UserQueryTests
    {
        private sealed class StarDialect : IWildcardDialect
        {
            public Func<string, bool> Compile(string pattern)
            {
                var regex = new Regex("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.IgnoreCase);
                return regex.IsMatch;
            }

            public bool HasWildcards(string pattern) => pattern.Contains('*');
        }

        private static ConnectUserSummary User(string name, string? first = null, string? routing = null, string[]? security = null,
            Dictionary<string, string>? tags = null) =>
            new ConnectUserSummary
            {
                Id = name + "-id", Username = name, RoutingProfileId = routing, SecurityProfileIds = security, Tags = tags,
                IdentityInfo = first == null ? null : new UserIdentityInfoLite { FirstName = first },
            };

        [Fact]
        public void NoFilterListsWithListUsersAndChecksNothing()
        {
            var query = new UserQuery(new StarDialect());
            Assert.False(query.IsFiltered);
            Assert.Null(query.Plan());
            Assert.Null(query.ClientCheck());
        }

        [Fact]
        public void SummaryAloneSearchesWithoutConditionsAndChecksNothing()
        {
            var query = new UserQuery(new StarDialect()) { Summary = true };
            Assert.True(query.IsFiltered);
            var plan = query.Plan();
            Assert.NotNull(plan);
            Assert.Null(plan!.Criteria);
            Assert.Null(plan.Filter);
            Assert.Null(query.ClientCheck());
        }

        [Fact]
        public void ValuesOfOneFilterAreAlternativesAndFiltersMustAllMatch()
        {
            var query = new UserQuery(new StarDialect()) { Username = new[] { "jane*", "bob" }, RoutingProfileId = new[] { "rp1" } };
            var plan = query.Plan();
            Assert.NotNull(plan!.Criteria!.AndConditions);
            var check = query.ClientCheck()!;
            Assert.True(check(User("Jane.Doe", routing: "rp1")));   // the dialect ignores case
            Assert.True(check(User("bob", routing: "rp1")));
            Assert.False(check(User("bobby", routing: "rp1")));     // 'bob' has no wildcard: the whole name
            Assert.False(check(User("jane", routing: "rp2")));      // ids match exactly, and every filter must match
        }

        [Fact]
        public void SecurityProfilesMatchAnyAndTagsMustAllMatch()
        {
            var query = new UserQuery(new StarDialect()) { SecurityProfileId = new[] { "sp2" } };
            query.AddTag("Department", "Sales");
            query.AddTag("Site", "Leeds");
            var check = query.ClientCheck()!;
            var both = new Dictionary<string, string> { ["Department"] = "Sales", ["Site"] = "Leeds" };
            Assert.True(check(User("a", security: new[] { "sp1", "sp2" }, tags: both)));
            Assert.False(check(User("a", security: new[] { "sp1", "sp2" }, tags: new Dictionary<string, string> { ["Department"] = "Sales" })));
            Assert.False(check(User("a", security: new[] { "sp1" }, tags: both)));
        }

        [Fact]
        public void AnEmptyListGivenForOneFilterMatchesNoneWhenAnotherFilterApplies()
        {
            // As Get-ConnectUser always did: -Username @() -FirstName 'a*' keeps no user (no alternative can match).
            var query = new UserQuery(new StarDialect()) { Username = Array.Empty<string>(), FirstName = new[] { "a*" } };
            Assert.False(query.ClientCheck()!(User("x", first: "Ann")));
            Assert.True(new UserQuery(new StarDialect()) { FirstName = new[] { "a*" } }.ClientCheck()!(User("x", first: "Ann")));
        }

        [Fact]
        public void ATagKeyGivenTwiceAndEmptyValuesAreInputErrors()
        {
            var query = new UserQuery(new StarDialect());
            query.AddTag("Department", "Sales");
            var twice = Assert.Throws<ConnectInputException>(() => query.AddTag("Department", "Ops"));
            Assert.Equal("Tag", twice.ParamName);
            Assert.Contains("twice", twice.Message);
            var empty = Assert.Throws<ConnectInputException>(() => new UserQuery(new StarDialect()) { LastName = new[] { " " } }.Plan());
            Assert.Equal("LastName", empty.ParamName);
        }

        [Fact]
        public void ALiteralAliasThatMatchesNothingIsReportedAWildcardIsNot()
        {
            var filter = new InstanceAliasFilter(new[] { "prod", "test*", "missing" }, new StarDialect());
            var keep = filter.Keep!;
            Assert.True(keep(new ConnectInstance { InstanceAlias = "PROD" }));
            Assert.False(keep(new ConnectInstance { InstanceAlias = "dev" }));
            Assert.Equal(new[] { "missing" }, filter.UnmatchedLiterals());
            Assert.Contains("on the first page", InstanceAliasFilter.NotFoundMessage("missing", firstPageOnly: true));
            Assert.Null(new InstanceAliasFilter(null, new StarDialect()).Keep);
        }
    }
}
