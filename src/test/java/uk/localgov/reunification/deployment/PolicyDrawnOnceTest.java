package uk.localgov.reunification.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Issue 29: the policy is drawn once. The two returns keep only what differs (how the child came
 * home, how the return was decided); the life of the case at home is {@code childAtHome}, which both
 * call. A fragment copied from one return into the other, more than a few elements joined by their
 * flows or nested in one another, is named here, so a change to one cannot silently miss the other.
 */
class PolicyDrawnOnceTest {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  /** A gateway, an event and a task may match by chance; more than this many joined is a copy. */
  static final int A_FEW = 3;

  @Test
  void thePlannedAndUnplannedReturnsShareNoCopiedFragment() throws Exception {
    Map<String, Element> planned = flowNodes(ProcessModelTest.PROCESSES.resolve("planned-return.bpmn"));
    Map<String, Element> unplanned = flowNodes(ProcessModelTest.PROCESSES.resolve("unplanned-return.bpmn"));

    List<Set<String>> copied = copiedBlocks(planned, unplanned);

    assertThat(copied).as("blocks of elements drawn alike in both returns (draw them once, in childAtHome or a called"
        + " process)").allSatisfy(block -> assertThat(block).hasSizeLessThanOrEqualTo(A_FEW));
  }

  /** The comparison finds a copy: a diagram compared with itself is copied from end to end. */
  @Test
  void aDiagramComparedWithItselfIsCopied() throws Exception {
    Map<String, Element> planned = flowNodes(ProcessModelTest.PROCESSES.resolve("child-at-home.bpmn"));
    Map<String, Element> unplanned = flowNodes(ProcessModelTest.PROCESSES.resolve("child-at-home.bpmn"));

    List<Set<String>> copied = copiedBlocks(planned, unplanned);

    assertThat(copied).anySatisfy(block -> assertThat(block).contains("firstHomeVisit", "statutoryVisit",
        "lookedAfterReview", "CallActivity_CloseCase").hasSizeGreaterThan(A_FEW));
  }

  /**
   * The elements alike in both (same id, same XML but for their flow references), grouped into blocks:
   * two alike elements are in one block when a sequence flow alike in both joins them or one is drawn
   * inside the other.
   */
  static List<Set<String>> copiedBlocks(Map<String, Element> one, Map<String, Element> other) throws Exception {
    Set<String> alike = one.keySet().stream().filter(other::containsKey)
        .filter(id -> canonical(one.get(id)).equals(canonical(other.get(id)))).collect(Collectors.toSet());
    Map<String, String> parent = new HashMap<>();
    alike.forEach(id -> parent.put(id, id));
    for (String id : alike) {
      Element element = one.get(id);
      if ("sequenceFlow".equals(element.getLocalName())) {
        union(parent, id, element.getAttribute("sourceRef"));
        union(parent, id, element.getAttribute("targetRef"));
      }
      Node up = element.getParentNode();
      if (up instanceof Element scope && alike.contains(scope.getAttribute("id"))) {
        union(parent, id, scope.getAttribute("id"));
      }
    }
    Map<String, Set<String>> blocks = new LinkedHashMap<>();
    for (String id : alike) {
      if (!"sequenceFlow".equals(one.get(id).getLocalName())) {
        blocks.computeIfAbsent(find(parent, id), root -> new java.util.TreeSet<>()).add(id);
      }
    }
    return new ArrayList<>(blocks.values());
  }

  private static void union(Map<String, String> parent, String a, String b) {
    if (parent.containsKey(a) && parent.containsKey(b)) {
      parent.put(find(parent, a), find(parent, b));
    }
  }

  private static String find(Map<String, String> parent, String id) {
    while (!parent.get(id).equals(id)) {
      id = parent.get(id);
    }
    return id;
  }

  /** Every element of the process with an id, nested ones included, by id. */
  static Map<String, Element> flowNodes(Path diagram) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element process = (Element) factory.newDocumentBuilder().parse(diagram.toFile()).getElementsByTagNameNS(BPMN, "process").item(0);
    Map<String, Element> nodes = new LinkedHashMap<>();
    var all = process.getElementsByTagNameNS(BPMN, "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      if (!element.getAttribute("id").isEmpty() && element.getParentNode() instanceof Element scope
          && Set.of("process", "subProcess", "transaction").contains(scope.getLocalName())) {
        nodes.put(element.getAttribute("id"), element);
      }
    }
    return nodes;
  }

  /** The element as XML, without the flow references Modeler writes in it, whitespace folded. */
  static String canonical(Element element) {
    try {
      Element copy = (Element) element.cloneNode(true);
      for (String reference : List.of("incoming", "outgoing")) {
        var found = copy.getElementsByTagNameNS(BPMN, reference);
        for (int i = found.getLength() - 1; i >= 0; i--) {
          found.item(i).getParentNode().removeChild(found.item(i));
        }
      }
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter xml = new StringWriter();
      transformer.transform(new DOMSource(copy), new StreamResult(xml));
      return xml.toString().replaceAll("\\s+", " ").replaceAll("> <", "><");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
