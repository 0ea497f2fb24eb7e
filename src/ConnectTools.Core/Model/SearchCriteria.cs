using System.Collections.Generic;

namespace ConnectTools
{
    /// <summary>SearchUsers' SearchCriteria: nested AND/OR around string and hierarchy-group conditions.</summary>
    public sealed class UserSearchCriteria
    {
        public List<UserSearchCriteria>? OrConditions { get; set; }
        public List<UserSearchCriteria>? AndConditions { get; set; }
        public StringCondition? StringCondition { get; set; }
        public HierarchyGroupCondition? HierarchyGroupCondition { get; set; }
    }

    public sealed class StringCondition
    {
        /// <summary>Username, FirstName, LastName, RoutingProfileId, SecurityProfileId or resourceId.</summary>
        public string? FieldName { get; set; }
        public string? Value { get; set; }
        /// <summary>STARTS_WITH, CONTAINS or EXACT.</summary>
        public string? ComparisonType { get; set; }
    }

    public sealed class HierarchyGroupCondition
    {
        public string? Value { get; set; }
        /// <summary>EXACT or WITH_CHILD_GROUPS.</summary>
        public string? HierarchyGroupMatchType { get; set; }
    }

    /// <summary>SearchUsers' SearchFilter: a tag filter or a user-attribute filter, not both.</summary>
    public sealed class UserSearchFilter
    {
        public ControlPlaneTagFilter? TagFilter { get; set; }
        public ControlPlaneUserAttributeFilter? UserAttributeFilter { get; set; }
    }

    public sealed class ControlPlaneTagFilter
    {
        public List<List<TagCondition>>? OrConditions { get; set; }
        public List<TagCondition>? AndConditions { get; set; }
        public TagCondition? TagCondition { get; set; }
    }

    public sealed class TagCondition
    {
        public string? TagKey { get; set; }
        public string? TagValue { get; set; }
    }

    public sealed class ControlPlaneUserAttributeFilter
    {
        public List<AttributeAndCondition>? OrConditions { get; set; }
        public AttributeAndCondition? AndCondition { get; set; }
        public TagCondition? TagCondition { get; set; }
        public HierarchyGroupCondition? HierarchyGroupCondition { get; set; }
    }

    public sealed class AttributeAndCondition
    {
        public List<TagCondition>? TagConditions { get; set; }
        public HierarchyGroupCondition? HierarchyGroupCondition { get; set; }
    }

    /// <summary>One page of a listing.</summary>
    public sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, string? nextToken, long? approximateTotalCount = null)
        {
            Items = items;
            NextToken = nextToken;
            ApproximateTotalCount = approximateTotalCount;
        }

        public IReadOnlyList<T> Items { get; }
        public string? NextToken { get; }
        public long? ApproximateTotalCount { get; }
    }
}
