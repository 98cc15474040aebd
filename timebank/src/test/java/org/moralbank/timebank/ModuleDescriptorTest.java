package org.moralbank.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the packages the module exports: widening the public API must be a deliberate change. */
class ModuleDescriptorTest {
  @Test
  void exportsOnlyApiPackages() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("target", "classes", "module-info.class"))) {
      ModuleDescriptor d = ModuleDescriptor.read(in);
      assertEquals("org.moralbank.timebank", d.name());
      Set<String> exported = d.exports().stream()
          .map(ModuleDescriptor.Exports::source)
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(
          new TreeSet<>(Set.of("org.moralbank.timebank", "org.moralbank.timebank.member", "org.moralbank.timebank.policy")),
          exported);
      assertEquals(Set.of(), d.opens(), "nothing is opened to reflection");
    }
  }
}
