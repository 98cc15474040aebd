package org.moralbank.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pins the module descriptor: the tool exports nothing, and opens its one package to picocli
 * only (picocli reads the commands' fields reflectively).
 */
class ModuleDescriptorTest {
  @Test
  void exportsNothingAndOpensItsCommandsToPicocliOnly() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("target", "classes", "module-info.class"))) {
      ModuleDescriptor d = ModuleDescriptor.read(in);
      assertEquals("org.moralbank.audit", d.name());
      assertEquals(Set.of(), d.exports());
      assertEquals(1, d.opens().size());
      ModuleDescriptor.Opens opens = d.opens().iterator().next();
      assertEquals("org.moralbank.audit", opens.source());
      assertEquals(Set.of("info.picocli"), opens.targets());
    }
  }
}
