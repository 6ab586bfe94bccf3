using System.Text;

namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>The vocabularies generated titles, categories, tags and user attributes are drawn from (pre-encoded as UTF-8).</summary>
internal static class WordLists
{
    public static readonly string[] CategoryNames =
    [
        "Drama", "Comedy", "Action", "Thriller", "Romance", "Documentary", "Science Fiction", "Fantasy", "Horror",
        "Animation", "Crime", "Mystery", "Adventure", "Family", "Music", "History", "War", "Western", "Sports",
        "Biography", "Cooking", "Travel", "Nature", "Technology", "Health", "Business", "Art", "Poetry", "Gaming",
        "Fashion", "Home", "Garden", "Science", "Education", "Kids", "Classics", "Indie", "Noir", "Satire", "Musical",
    ];

    public static readonly byte[][] Adjectives = Encode(
        "Silent", "Golden", "Hidden", "Broken", "Crimson", "Distant", "Electric", "Frozen", "Gentle", "Hollow",
        "Infinite", "Jagged", "Lost", "Midnight", "Northern", "Open", "Painted", "Quiet", "Restless", "Scarlet",
        "Tender", "Unseen", "Velvet", "Wild", "Young", "Ancient", "Bright", "Cold", "Dark", "Endless", "Final",
        "Great", "Hungry", "Iron", "Last", "Little", "Lonely", "Modern", "New", "Old", "Perfect", "Secret",
        "Strange", "Sudden", "Burning", "Second", "Savage", "Sweet", "Tiny", "Wandering", "Winter", "Summer",
        "Lucky", "Mighty", "Paper", "Glass", "Stone", "Silver", "Blue", "Green", "Falling", "Rising", "Shining",
        "Forgotten");

    public static readonly byte[][] Nouns = Encode(
        "Garden", "River", "Empire", "Mirror", "Harbor", "Kingdom", "Letter", "Machine", "Night", "Ocean",
        "Promise", "Question", "Road", "Shadow", "Storm", "Tower", "Valley", "Voyage", "Window", "Winter",
        "Bridge", "City", "Dream", "Echo", "Forest", "Heart", "Island", "Journey", "Key", "Lantern", "Map",
        "Mountain", "Orchard", "Planet", "Queen", "Rain", "Song", "Star", "Station", "Story", "Sun", "Thief",
        "Train", "Truth", "Wave", "Wolf", "Year", "Zone", "Circle", "Door", "Engine", "Festival", "Game",
        "House", "Line", "Moon", "Name", "Point", "Room", "Signal", "Table", "Village", "Wall", "Witness");

    public static readonly byte[][] Tags = Encode(
        "award-winning", "bestseller", "classic", "new-release", "cult", "family-friendly", "dark", "uplifting",
        "slow-burn", "fast-paced", "based-on-true-story", "ensemble-cast", "twist-ending", "visually-stunning",
        "quirky", "romantic", "nostalgic", "thought-provoking", "feel-good", "gritty", "epic", "short",
        "long-read", "series", "sequel", "remake", "adaptation", "debut", "limited-edition", "collector",
        "budget", "premium", "eco", "handmade", "imported", "local", "seasonal", "trending", "staff-pick",
        "critically-acclaimed", "underrated", "binge-worthy", "educational", "relaxing", "intense", "funny",
        "scary", "inspiring", "mysterious", "heartwarming", "atmospheric", "experimental", "minimalist",
        "colorful", "vintage", "futuristic", "historical", "musical", "sporty", "outdoor", "indoor", "social",
        "solo", "multiplayer");

    public static readonly byte[][] Regions = Encode("US", "EU", "UK", "CA", "JP", "IN", "BR", "AU");

    /// <summary>Chance that an item is sold in each of <see cref="Regions"/>, independently.</summary>
    public static readonly double[] RegionShare = [0.8, 0.6, 0.5, 0.4, 0.25, 0.2, 0.15, 0.2];

    public static readonly byte[][] AgeRatings = Encode("G", "PG", "PG-13", "R", "NC-17");

    public static readonly double[] AgeRatingShare = [0.15, 0.25, 0.35, 0.2, 0.05];

    public static readonly byte[][] Occupations = Encode(
        "student", "engineer", "educator", "artist", "healthcare", "writer", "programmer", "scientist",
        "administrator", "salesman", "lawyer", "librarian", "marketing", "retired", "homemaker", "technician",
        "executive", "entertainment", "doctor", "other");

    public static readonly byte[][] Countries = Encode("US", "DE", "GB", "FR", "CA", "JP", "IN", "BR", "AU", "ES", "IT", "NL", "SE", "MX");

    public static readonly double[] CountryShare = [0.35, 0.09, 0.09, 0.07, 0.06, 0.06, 0.07, 0.05, 0.04, 0.04, 0.03, 0.02, 0.01, 0.02];

    public static readonly byte[][] Genders = Encode("F", "M", "X");

    public static readonly double[] GenderShare = [0.48, 0.48, 0.04];

    /// <summary>Name of category <paramref name="index"/>; past the word list, names repeat with a number ("Drama 2").</summary>
    public static string CategoryName(int index) =>
        index < CategoryNames.Length
            ? CategoryNames[index]
            : $"{CategoryNames[index % CategoryNames.Length]} {index / CategoryNames.Length + 1}";

    /// <summary>A segment-friendly form of a category name: "Science Fiction 2" → "science-fiction-2".</summary>
    public static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '-');

    public static byte[][] Encode(params string[] words) => words.Select(Encoding.UTF8.GetBytes).ToArray();
}
