package io.nexus.cli;

import picocli.CommandLine.ITypeConverter;

/** Reads {@code --format}, whose {@code ga4-export} is no Java name. */
final class FormatConverter implements ITypeConverter<AttributeCommand.Format> {
  @Override
  public AttributeCommand.Format convert(String value) {
    return AttributeCommand.Format.parse(value);
  }
}
