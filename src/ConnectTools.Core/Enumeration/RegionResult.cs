using System;

namespace ConnectTools.Enumeration
{
    /// <summary>One result of a listing run in several Regions: an item (or an item's error), or the failure of a whole Region.</summary>
    public sealed class RegionResult<T>
    {
        internal RegionResult(string region, ListingResult<T>? item, Exception? regionFailure)
        {
            Region = region;
            Item = item;
            RegionFailure = regionFailure;
        }

        public string Region { get; }
        public ListingResult<T>? Item { get; }

        /// <summary>Why the Region's listing stopped (not enabled, access denied, ...): the other Regions go on.</summary>
        public Exception? RegionFailure { get; }
    }
}
