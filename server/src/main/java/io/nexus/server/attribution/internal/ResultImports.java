package io.nexus.server.attribution.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nexus.engine.ChannelCredit;
import io.nexus.engine.Conversion;
import io.nexus.engine.InvalidModelException;
import io.nexus.engine.JourneyCredits;
import io.nexus.engine.JourneyId;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.Touchpoint;
import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.attribution.internal.ImportCheck.CheckedBatch;
import io.nexus.server.attribution.internal.ResultImportRequest.Credit;
import io.nexus.server.attribution.internal.ResultImportRequest.Journey;
import io.nexus.server.attribution.internal.ResultImportRequest.Purchase;
import io.nexus.server.attribution.internal.ResultImportRequest.Touch;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelImport;
import io.nexus.server.journey.ImportedJourney;
import io.nexus.server.journey.JourneyImport;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.model.ModelImport;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores journeys attributed elsewhere with their results, all or nothing per batch: the channels and models they
 * name (found by name and by what they run, added when missing), the journeys with their touchpoints and conversions,
 * and one result row per journey, model and channel, with cost, ROI and ROAS as the service's own results have them.
 * A journey key its source imported before is skipped, so a batch sent twice stores nothing twice.
 */
@Service
class ResultImports {
  private static final int ATTEMPTS = 3;

  private final ChannelImport channels;
  private final ModelImport models;
  private final JourneyImport journeys;
  private final ImportedJourneyKeys keys;
  private final ResultRepository results;
  private final TransactionTemplate transactions;
  private final Counter journeysImported;
  private final Counter resultsImported;

  ResultImports(ChannelImport channels, ModelImport models, JourneyImport journeys, ImportedJourneyKeys keys,
      ResultRepository results, TransactionTemplate transactions, MeterRegistry meters) {
    this.channels = channels;
    this.models = models;
    this.journeys = journeys;
    this.keys = keys;
    this.results = results;
    this.transactions = transactions;
    this.journeysImported = meters.counter("nexus.import.journeys");
    this.resultsImported = meters.counter("nexus.import.results");
  }

  /** What a batch did. */
  record Answer(String source, int journeysImported, int journeysAlreadyImported, long resultsStored,
      List<JourneyOutcome> journeys, List<ChannelOutcome> channels, List<ModelOutcome> models) {}

  /** The journey a key became, and whether this batch stored it (false: an earlier batch of the source did). */
  record JourneyOutcome(String key, long journeyId, boolean imported) {}

  /** The catalogue channel a name stands for. */
  record ChannelOutcome(String name, long channelId) {}

  /** The stored model a spec runs as. */
  record ModelOutcome(String model, long modelId, String name) {}

  /**
   * Checks the whole batch, then stores it in one transaction; a concurrent import adding the same channel, model or
   * journey key makes it start again (up to three times), and then finds them.
   *
   * @throws ApiException 422 naming every field at fault, before anything is stored; 409 when concurrent imports kept
   *     adding the same names
   */
  Answer importResults(ResultImportRequest request) {
    CheckedBatch batch = ImportCheck.check(request);
    // Inside an Idempotency-Key's transaction a failed statement dooms the whole request: no second attempt then.
    boolean nested = TransactionSynchronizationManager.isActualTransactionActive();
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.execute(tx -> store(request, batch));
      } catch (DataIntegrityViolationException raced) {
        if (nested || attempt == ATTEMPTS) {
          throw ApiException.conflict("a concurrent import added the same channels, models or journey keys "
              + "meanwhile; nothing of this batch was stored, send it again");
        }
      }
    }
  }

  private Answer store(ResultImportRequest request, CheckedBatch batch) {
    Map<String, Channel> channelsByName = channels.findOrAdd(batch.channelNames());
    Map<ModelSpec, ModelDefinition> modelsBySpec = findModels(batch);
    List<String> allKeys = request.journeys().stream().map(Journey::key).toList();
    Map<String, Long> existing = keys.find(request.source(), allKeys);

    List<Journey> fresh = new ArrayList<>();
    for (Journey journey : request.journeys()) {
      if (!existing.containsKey(journey.key())) {
        fresh.add(journey);
      }
    }
    List<Long> ids = fresh.isEmpty() ? List.of()
        : journeys.importJourneys(fresh.stream().map(j -> imported(j, channelsByName)).toList());
    if (!fresh.isEmpty()) {
      keys.add(request.source(), fresh.stream().map(Journey::key).toList(), ids);
    }

    Map<Long, Channel> channelsById = new HashMap<>();
    channelsByName.values().forEach(c -> channelsById.put(c.id(), c));
    EngineChannels engineChannels = new EngineChannels(channelsByName.values());
    Map<Long, List<JourneyAttribution>> byModel = new LinkedHashMap<>();
    Instant now = Instant.now();
    long stored = 0;
    for (int i = 0; i < fresh.size(); i++) {
      Journey journey = fresh.get(i);
      for (Map.Entry<String, List<Credit>> model : creditsByModel(journey).entrySet()) {
        ModelDefinition definition = modelsBySpec.get(batch.specs().get(model.getKey()));
        JourneyCredits credits = credits(ids.get(i), journey, model.getKey(), model.getValue(), channelsByName,
            engineChannels, batch.additive(model.getKey()));
        byModel.computeIfAbsent(definition.id(), id -> new ArrayList<>())
            .add(CreditMapper.map(ids.get(i), definition, credits, channelsById, now));
        stored += model.getValue().size();
      }
    }
    if (!byModel.isEmpty()) {
      results.replace(byModel);
    }
    journeysImported.increment(fresh.size());
    resultsImported.increment(stored);

    List<JourneyOutcome> outcomes = new ArrayList<>(request.journeys().size());
    Map<String, Long> freshIds = new HashMap<>();
    for (int i = 0; i < fresh.size(); i++) {
      freshIds.put(fresh.get(i).key(), ids.get(i));
    }
    for (Journey journey : request.journeys()) {
      Long earlier = existing.get(journey.key());
      outcomes.add(new JourneyOutcome(journey.key(), earlier != null ? earlier : freshIds.get(journey.key()),
          earlier == null));
    }
    return new Answer(request.source(), fresh.size(), request.journeys().size() - fresh.size(), stored, outcomes,
        channelsByName.values().stream().map(c -> new ChannelOutcome(c.name(), c.id())).toList(),
        batch.specs().entrySet().stream().map(e -> new ModelOutcome(e.getKey(), modelsBySpec.get(e.getValue()).id(),
            modelsBySpec.get(e.getValue()).name())).toList());
  }

  private Map<ModelSpec, ModelDefinition> findModels(CheckedBatch batch) {
    try {
      return models.findOrAdd(batch.specs().values());
    } catch (InvalidModelException e) {
      throw ApiException.unprocessable(e.getMessage(), List.of(new FieldProblem(batch.fieldOf(e.model()), e.reason())));
    }
  }

  /** The journey as the journey module stores it: touchpoints in time order, channels by catalogue id. */
  private static ImportedJourney imported(Journey journey, Map<String, Channel> channelsByName) {
    List<Touch> touches = new ArrayList<>(journey.touchpoints());
    touches.sort(Comparator.comparing(Touch::timestamp));
    List<ImportedJourney.Touch> stored = new ArrayList<>(touches.size());
    for (Touch t : touches) {
      stored.add(new ImportedJourney.Touch(channelsByName.get(t.channel()).id(),
          t.touchpointType() == null ? Touchpoint.DEFAULT_TYPE : t.touchpointType(), t.timestamp(),
          t.cost(), t.engagementScore(), t.timeSpentSeconds(), t.pagesViewed(), t.campaignName(), t.deviceType(),
          t.browser()));
    }
    List<ImportedJourney.Purchase> purchases = new ArrayList<>(journey.conversions().size());
    for (Purchase c : journey.conversions()) {
      purchases.add(new ImportedJourney.Purchase(c.conversionType() == null ? Conversion.DEFAULT_TYPE
          : c.conversionType(), c.timestamp(), c.revenue(), c.quantity() == null ? 1 : c.quantity(), c.productName(),
          c.productCategory()));
    }
    Instant start = ImportCheck.firstEvent(journey);
    return new ImportedJourney(journey.userId(), journey.sessionId(), start, stored, purchases);
  }

  private static Map<String, List<Credit>> creditsByModel(Journey journey) {
    Map<String, List<Credit>> byModel = new LinkedHashMap<>();
    if (journey.results() != null) {
      for (Credit credit : journey.results()) {
        byModel.computeIfAbsent(credit.model(), m -> new ArrayList<>()).add(credit);
      }
    }
    return byModel;
  }

  /**
   * The engine's credits of a journey as imported: each channel's credit, conversions and value as given, its touches
   * and their cost from the journey, the credited value and conversions those with a touch at or before them.
   */
  private static JourneyCredits credits(long journeyId, Journey journey, String model, List<Credit> given,
      Map<String, Channel> channelsByName, EngineChannels engineChannels, boolean additive) {
    List<ChannelCredit> credits = new ArrayList<>(given.size());
    for (Credit credit : given) {
      Channel channel = channelsByName.get(credit.channel());
      BigDecimal cost = BigDecimal.ZERO;
      int touches = 0;
      for (Touch t : journey.touchpoints()) {
        if (t.channel().equals(credit.channel())) {
          touches++;
          cost = cost.add(t.cost() == null ? BigDecimal.ZERO : t.cost());
        }
      }
      credits.add(new ChannelCredit(engineChannels.apply(channel.id()), credit.credit(),
          credit.attributedConversions(), credit.attributedRevenue(), touches, cost));
    }
    ImportCheck.Credited credited = ImportCheck.credited(journey);
    return new JourneyCredits(JourneyId.of(journeyId), model, credits, List.of(), additive, credited.value(),
        credited.conversions(), credited.uncredited());
  }
}
