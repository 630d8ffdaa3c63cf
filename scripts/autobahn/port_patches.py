"""What port.py changes after lib2to3, each with the reason. Paths are
relative to site-packages; texts are as lib2to3 leaves them."""

# Written into the package as autobahntestsuite/py3octets.py.
HELPER = '''"""Python 2 byte strings, as the Python 3 port of the testsuite meets them."""

import binascii


def octets(value):
    """Text standing for Python 2 bytes back to those bytes: characters up
    to U+00FF are one octet each (latin-1); anything else was real text."""
    if isinstance(value, str):
        try:
            return value.encode("latin-1")
        except UnicodeEncodeError:
            return value.encode("utf-8")
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    return value


def normalised(value):
    """An event (tuples, lists, dicts of strings) with every string as octets."""
    if isinstance(value, (str, bytearray, memoryview)):
        return octets(value)
    if isinstance(value, tuple):
        return tuple(normalised(item) for item in value)
    if isinstance(value, list):
        return [normalised(item) for item in value]
    if isinstance(value, dict):
        return {key: normalised(item) for key, item in value.items()}
    return value


def json_default(value):
    """What json.dumps cannot write by itself: octets, shown as text."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def hex_text(value):
    """binascii.b2a_hex for text or bytes, as text (it goes into reports)."""
    return binascii.b2a_hex(octets(value)).decode("ascii")
'''

SEND_OVERRIDES = '''   MAX_WIRE_LOG_DATA = 256

   # Python 3 port: the cases write payloads as Python 2 byte strings, which
   # are text now; every way a payload enters autobahn turns it into octets.
   def sendFrame(self, opcode, payload=b'', *args, **kwargs):
      return super().sendFrame(opcode, octets(payload), *args, **kwargs)

   def sendMessage(self, payload, *args, **kwargs):
      return super().sendMessage(octets(payload), *args, **kwargs)

   def sendMessageFrame(self, payload, *args, **kwargs):
      return super().sendMessageFrame(octets(payload), *args, **kwargs)

   def sendMessageFrameData(self, payload, *args, **kwargs):
      return super().sendMessageFrameData(octets(payload), *args, **kwargs)

   def sendPing(self, payload=None):
      return super().sendPing(octets(payload))

   def sendPong(self, payload=None):
      return super().sendPong(octets(payload))

   def sendCloseFrame(self, code=None, reasonUtf8=None, isReply=False):
      return super().sendCloseFrame(code, octets(reasonUtf8), isReply)
'''

UTF8_TEXT = "Hello-\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1-UTF-8!!"

# (file, text expected, replacement, how many times the text must occur)
PATCHES = [
    # Python 3 division: the repeat count of a payload is an integer.
    ("autobahn/websocket/protocol.py", "range(payload_len / len(payload))", "range(payload_len // len(payload))", 1),
    # Python 3 division: 65536 octets in 1300-octet fragments are 50 full frames plus the last.
    ("autobahntestsuite/case/case10_1_1.py", "len(self.payload) / self.p.autoFragmentSize",
     "len(self.payload) // self.p.autoFragmentSize", 1),
    # ... and the text tables centre a title by a whole number of spaces.
    ("autobahntestsuite/util.py", "c1 = l / 2", "c1 = l // 2", 1),
    # Payloads enter autobahn as octets.
    ("autobahntestsuite/fuzzing.py", "   MAX_WIRE_LOG_DATA = 256\n", SEND_OVERRIDES, 1),
    ("autobahntestsuite/fuzzing.py", "from .caseset import CaseSet\n",
     "from .caseset import CaseSet\nfrom .py3octets import octets\n", 1),
    # Expected events (text) and received ones (bytes) compare as octets.
    ("autobahntestsuite/case/case.py", "return pickle.dumps(obj1) == pickle.dumps(obj2)",
     "return pickle.dumps(normalised(obj1)) == pickle.dumps(normalised(obj2))", 1),
    ("autobahntestsuite/case/case.py", "import pickle\n",
     "import pickle\n\nfrom autobahntestsuite.py3octets import normalised\n", 1),
    # The only payloads written as UTF-8 text in the source: UTF-8 octets,
    # not the latin-1 of their code points.
    ("autobahntestsuite/case/case6_2_1.py", f'PAYLOAD = "{UTF8_TEXT}"', f'PAYLOAD = "{UTF8_TEXT}".encode("utf-8")', 1),
    ("autobahntestsuite/case/case6_2_3.py", f'PAYLOAD = "{UTF8_TEXT}"', f'PAYLOAD = "{UTF8_TEXT}".encode("utf-8")', 1),
    ("autobahntestsuite/case/case6_2_2.py", 'PAYLOAD1 = "Hello-\u00b5@\u00df\u00f6\u00e4"',
     'PAYLOAD1 = "Hello-\u00b5@\u00df\u00f6\u00e4".encode("utf-8")', 1),
    ("autobahntestsuite/case/case6_2_2.py", 'PAYLOAD2 = "\u00fc\u00e0\u00e1-UTF-8!!"',
     'PAYLOAD2 = "\u00fc\u00e0\u00e1-UTF-8!!".encode("utf-8")', 1),
    ("autobahntestsuite/case/case6_x_x.py", 'validator.validate("\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1")',
     'validator.validate("\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1".encode("utf-8"))', 1),
]

PATCHES += [
    # The UTF-8 validator takes octets.
    ("autobahntestsuite/case/case6_x_x.py", "      res = v.validate(vss[:i])", "      res = v.validate(octets(vss[:i]))", 1),
    # txaio 2 and later no longer guess the framework: name it before autobahn needs it.
    ("autobahntestsuite/wstest.py", "from twisted.internet import reactor\n",
     "from twisted.internet import reactor\nimport txaio\ntxaio.use_twisted()\n", 1),
    # wstest imports autobahn's serializer tests, written for unittest2.
    ("autobahn/wamp/test/test_serializer.py", "import unittest2 as unittest\n", "import unittest\n", 1),
    # zope.interface's class advice is gone from Python 3: the decorator form.
    ("autobahntestsuite/case/case9_9_1.py", "from zope.interface import implements\n", "from zope.interface import implementer\n", 1),
    ("autobahntestsuite/case/case9_9_1.py", "class FrameProducer:\n\n   implements(interfaces.IPushProducer)\n",
     "@implementer(interfaces.IPushProducer)\nclass FrameProducer:\n", 1),
    ("autobahntestsuite/case/case6_x_x.py", "\ndef createUtf8TestSequences():",
     "\nfrom autobahntestsuite.py3octets import octets\n\n\ndef createUtf8TestSequences():", 1),
]

PATCHES += [
    # The wire log joins octets and shows them as text.
    ("autobahntestsuite/fuzzing.py", "p = ''.join(payload)", "p = b''.join(payload)", 1),
    ("autobahntestsuite/fuzzing.py", 'def asciiLogData(data, maxlen = 64, replace = False):\n   ellipses = " ..."',
     'def asciiLogData(data, maxlen = 64, replace = False):\n   data = octets(data)\n   ellipses = b" ..."', 1),
    # Reports are text files: no octets written to them, octets in JSON shown as text.
    ("autobahntestsuite/fuzzing.py", "% (c[0], case[c[0]], c[1])).encode(\"utf-8\"))", "% (c[0], case[c[0]], c[1])))", 1),
    ("autobahntestsuite/fuzzing.py", "ll.encode('utf8')))", "ll))", 1),
    ("autobahntestsuite/fuzzing.py", "sort_keys = True, indent = 3, separators = (',', ': '))",
     "sort_keys = True, indent = 3, separators = (',', ': '), default = json_default)", 2),
    ("autobahntestsuite/fuzzing.py", "from .py3octets import octets\n", "from .py3octets import json_default, octets\n", 1),
]

PATCHES += [
    # A report that fails to write must still end the run (the reactor would
    # keep it waiting forever), and index.json, which the summary reads,
    # is written before the HTML.
    ("autobahntestsuite/fuzzing.py", "            self.createReports()\n            reactor.stop()\n",
     "            try:\n               self.createReports()\n            finally:\n               reactor.stop()\n", 1),
    ("autobahntestsuite/fuzzing.py", "         self.createReports()\n         reactor.stop()\n",
     "         try:\n            self.createReports()\n         finally:\n            reactor.stop()\n", 1),
    ("autobahntestsuite/fuzzing.py",
     "      if produceHtml:\n         self.createMasterReportHTML(self.outdir)\n"
     "      if produceJson:\n         self.createMasterReportJSON(self.outdir)\n",
     "      if produceJson:\n         self.createMasterReportJSON(self.outdir)\n"
     "      if produceHtml:\n         self.createMasterReportHTML(self.outdir)\n", 1),
]

# (files, token, replacement, import to add to each changed file or None, total count)
REWRITES = [
    # Every class derives from object in Python 3: (object, Case) has no consistent MRO.
    ("autobahntestsuite/case/*.py", "(object, Case, )", "(Case, )", None, 6),
    # Hex dumps of payloads written as text.
    ("autobahntestsuite/case/*.py", "binascii.b2a_hex(", "hex_text(", "from autobahntestsuite.py3octets import hex_text", 23),
    ("autobahntestsuite/fuzzing.py", "binascii.b2a_hex(", "hex_text(", "from autobahntestsuite.py3octets import hex_text", 5),
]
