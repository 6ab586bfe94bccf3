using Recommender.Ensemble.Data;
using Recommender.Rules;

namespace Recommender.Api.Serving;

/// <summary>
/// Catalog items and users as the business rules see them, built once per data set so that a request maps its
/// candidates to rule inputs by index, with no per-request allocation per item.
/// </summary>
public sealed class RuleInputs
{
    private readonly RuleItem[] _items;
    private readonly Dictionary<string, RuleUser> _users;

    public RuleInputs(Dataset dataset)
    {
        var ids = dataset.Interactions.Items;
        _items = new RuleItem[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            _items[i] = dataset.Catalog.TryGet(ids[i], out var item)
                ? new RuleItem(item.Id, item.Title, item.Categories, item.Tags, item.Price is { } price ? (double)price : null,
                    item.InStock, item.AgeRating, item.Regions, item.CreatedAt)
                : new RuleItem(ids[i]);
        }
        _users = dataset.Users.Values.ToDictionary(
            u => u.Id,
            u => new RuleUser(u.Id, u.Age, u.Gender, u.Country, u.Segments),
            StringComparer.Ordinal);
    }

    public RuleItem Item(int servingIndex) => _items[servingIndex];

    /// <summary>The user's profile, or one that knows only the id.</summary>
    public RuleUser User(string userId) => _users.TryGetValue(userId, out var user) ? user : new RuleUser(userId);
}
