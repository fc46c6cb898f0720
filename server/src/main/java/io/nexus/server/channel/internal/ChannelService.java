package io.nexus.server.channel.internal;

import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.channel.ChannelsChanged;
import io.nexus.server.web.ApiException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates, changes and retires channels; the catalogue other modules read. */
@Service
class ChannelService implements ChannelCatalog {
  private final ChannelRepository channels;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;

  ChannelService(ChannelRepository channels, TransactionTemplate transactions, ApplicationEventPublisher events) {
    this.channels = channels;
    this.transactions = transactions;
    this.events = events;
  }

  @Override
  public Optional<Channel> find(long id) {
    return channels.find(id);
  }

  @Override
  public Map<Long, Channel> findAll(Collection<Long> ids) {
    Map<Long, Channel> byId = new LinkedHashMap<>();
    for (Channel c : channels.findAll(ids)) {
      byId.put(c.id(), c);
    }
    return byId;
  }

  @Override
  public List<Channel> all() {
    return channels.all(null);
  }

  List<Channel> list(Boolean active) {
    return channels.all(active);
  }

  Channel get(long id) {
    return channels.find(id).orElseThrow(() -> ApiException.notFound("channel", id));
  }

  Channel create(ChannelRequest r) {
    if (r.name() == null || r.name().isBlank()) {
      throw ApiException.badRequest("name", "required");
    }
    return transactions.execute(tx -> {
      String name = r.name().strip();
      if (channels.findByName(name).isPresent()) {
        throw ApiException.conflict("name", "a channel named '" + name + "' already exists");
      }
      Channel draft = new Channel(0, name, r.channelType() == null ? "other" : r.channelType(), r.description(),
          r.costPerClick(), r.costPerImpression(), r.monthlyBudget(), r.isActive() == null || r.isActive(),
          r.metadata(), null, null);
      long id = channels.insert(draft);
      events.publishEvent(new ChannelsChanged(id));
      return channels.find(id).orElseThrow();
    });
  }

  Channel update(long id, ChannelRequest r) {
    return transactions.execute(tx -> {
      Channel old = get(id);
      String name = r.name() == null ? old.name() : r.name().strip();
      if (!name.equals(old.name()) && channels.findByName(name).isPresent()) {
        throw ApiException.conflict("name", "a channel named '" + name + "' already exists");
      }
      Channel changed = new Channel(id, name, r.channelType() == null ? old.channelType() : r.channelType(),
          r.description() == null ? old.description() : r.description(),
          r.costPerClick() == null ? old.costPerClick() : r.costPerClick(),
          r.costPerImpression() == null ? old.costPerImpression() : r.costPerImpression(),
          r.monthlyBudget() == null ? old.monthlyBudget() : r.monthlyBudget(),
          r.isActive() == null ? old.isActive() : r.isActive(),
          r.metadata() == null ? old.metadata() : r.metadata(), old.createdAt(), null);
      channels.update(changed);
      events.publishEvent(new ChannelsChanged(id));
      return channels.find(id).orElseThrow();
    });
  }

  /** Deletes an unused channel (empty result), or deactivates one that touchpoints or results use. */
  Optional<Channel> delete(long id) {
    get(id);
    try {
      transactions.executeWithoutResult(tx -> {
        channels.delete(id);
        events.publishEvent(new ChannelsChanged(id));
      });
      return Optional.empty();
    } catch (DataIntegrityViolationException inUse) {
      return Optional.of(transactions.execute(tx -> {
        channels.deactivate(id);
        events.publishEvent(new ChannelsChanged(id));
        return get(id);
      }));
    }
  }
}
