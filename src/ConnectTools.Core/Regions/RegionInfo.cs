namespace ConnectTools
{
    /// <summary>A Region as ConnectTools knows it: its name, display name, partition, and whether Amazon Connect is offered there.</summary>
    public sealed class RegionInfo
    {
        internal RegionInfo(string name, string displayName, string partition, bool connectOffered)
        {
            Name = name;
            DisplayName = displayName;
            Partition = partition;
            ConnectOffered = connectOffered;
        }

        public string Name { get; }
        public string DisplayName { get; }
        public string Partition { get; }
        public bool ConnectOffered { get; }
        public override string ToString() => Name;
    }
}
