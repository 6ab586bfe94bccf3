using Recommender.Experiments.Outcomes;

namespace Recommender.Experiments.Tests.Outcomes;

public sealed class OutcomeEventValidatorTests
{
    [Fact]
    public void A_valid_text_row_becomes_the_event_with_its_offset_kept()
    {
        var result = OutcomeEventValidator.Validate("e1", "purchase", "u1", "i9", "r1", "2025-01-31T13:00:00.250+01:00", "12.5");

        Assert.True(result.IsValid);
        Assert.Equal(
            new OutcomeEvent("e1", "purchase", "u1", "i9", "r1", new DateTimeOffset(2025, 1, 31, 13, 0, 0, 250, TimeSpan.FromHours(1)), 12.5),
            result.Event);
    }

    [Fact]
    public void An_empty_request_id_and_value_are_absent()
    {
        var result = OutcomeEventValidator.Validate("e1", "click", "u1", "i1", "", "2025-01-31T12:00:00Z", " ");

        Assert.Null(result.Event!.RequestId);
        Assert.Null(result.Event.Value);
    }

    [Fact]
    public void Every_error_is_reported_in_field_order()
    {
        var result = OutcomeEventValidator.Validate("", "like", null, "i1", null, "2025-01-31 12:00", "abc");

        Assert.False(result.IsValid);
        Assert.Equal(["eventId", "type", "userId", "timestamp", "value"], result.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("2025-01-31T12:00:00")]        // no offset: which zone?
    [InlineData("2025-01-31")]                 // no time
    [InlineData("31/01/2025 12:00:00 +00:00")] // not ISO-8601
    [InlineData("2025-02-30T12:00:00Z")]       // no such day
    public void Timestamps_must_be_iso_8601_with_an_offset(string timestamp)
    {
        var result = OutcomeEventValidator.Validate("e1", "click", "u1", "i1", null, timestamp, null);

        Assert.Equal(["timestamp"], result.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("rating", null, "value")]
    [InlineData("purchase", -1.0, "value")]
    [InlineData("click", double.NaN, "value")]
    [InlineData("dismiss", null, null)]
    [InlineData("rating", 4.0, null)]
    public void Values_follow_the_type(string type, double? value, string? failingField)
    {
        var result = OutcomeEventValidator.Validate("e1", type, "u1", "i1", null, DateTimeOffset.UnixEpoch, value);

        Assert.Equal(failingField is null ? [] : [failingField], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Typed_values_need_a_timestamp_and_bounded_ids()
    {
        var result = OutcomeEventValidator.Validate(new string('x', OutcomeEventValidator.MaxIdLength + 1), "click", "u1", "i1", null, (DateTimeOffset?)null, null);

        Assert.Equal(["eventId", "timestamp"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Ids_with_a_NUL_character_are_refused_because_PostgreSQL_text_cannot_hold_them()
    {
        var result = OutcomeEventValidator.Validate("e\01", "click", "u1", "i\01", "r\0", "2026-11-29T10:15:00Z", null);

        Assert.Equal(["eventId", "itemId", "requestId"], result.Errors.Select(e => e.Field));
    }
}
