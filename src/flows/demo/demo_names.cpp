#include "flows/demo/demo_names.hpp"

namespace clientele::demo::names {
namespace {

using SV = std::string_view;

// ---------------------------------------------------------------------------------------------
// English-speaking countries.

constexpr Name kUsMale[] = {{"James"},  {"John"},    {"Robert"},  {"Michael"}, {"William"},
                            {"David"},  {"Richard"}, {"Joseph"},  {"Thomas"},  {"Christopher"},
                            {"Daniel"}, {"Matthew"}, {"Anthony"}, {"Joshua"},  {"Tyler"},
                            {"Ethan"},  {"Noah"},    {"Liam"},    {"Jacob"},   {"Brandon"},
                            {"José"},   {"Darnell"}, {"Kevin"},   {"Brian"}};
constexpr Name kUsFemale[] = {{"Mary"},    {"Patricia"}, {"Jennifer"}, {"Linda"}, {"Elizabeth"},
                              {"Barbara"}, {"Susan"},    {"Jessica"},  {"Sarah"}, {"Karen"},
                              {"Emily"},   {"Ashley"},   {"Olivia"},   {"Emma"},  {"Madison"},
                              {"Ava"},     {"Sophia"},   {"Abigail"},  {"Megan"}, {"Hannah"},
                              {"Zoë"},     {"Keisha"},   {"Chloe"},    {"Rachel"}};
constexpr Name kUsLast[] = {
    {"Smith"},    {"Johnson"}, {"Williams"},   {"Brown"},    {"Jones"},     {"Garcia"},
    {"Miller"},   {"Davis"},   {"Rodriguez"},  {"Martinez"}, {"Hernandez"}, {"Lopez"},
    {"Gonzalez"}, {"Wilson"},  {"Anderson"},   {"Thomas"},   {"Taylor"},    {"Moore"},
    {"Jackson"},  {"Martin"},  {"Lee"},        {"Perez"},    {"Thompson"},  {"White"},
    {"Harris"},   {"Sanchez"}, {"Clark"},      {"Ramirez"},  {"Lewis"},     {"Robinson"},
    {"Walker"},   {"Young"},   {"Allen"},      {"King"},     {"Wright"},    {"Scott"},
    {"Torres"},   {"Nguyen"},  {"Hill"},       {"Flores"},   {"O'Brien"},   {"Murphy"},
    {"Kim"},      {"Patel"},   {"Washington"}, {"Cohen"}};

constexpr Name kGbMale[] = {{"Oliver"},   {"George"}, {"Harry"},   {"Jack"},  {"Charlie"},
                            {"Thomas"},   {"James"},  {"William"}, {"Oscar"}, {"Alfie"},
                            {"Henry"},    {"Edward"}, {"Callum"},  {"Rhys"},  {"Liam"},
                            {"Mohammed"}, {"Gareth"}, {"Iain"}};
constexpr Name kGbFemale[] = {{"Olivia"}, {"Amelia"}, {"Isla"},    {"Ava"},       {"Emily"},
                              {"Sophie"}, {"Grace"},  {"Poppy"},   {"Charlotte"}, {"Jessica"},
                              {"Chloe"},  {"Lucy"},   {"Eleanor"}, {"Siobhan"},   {"Niamh"},
                              {"Zara"},   {"Bethan"}, {"Fiona"}};
constexpr Name kGbLast[] = {
    {"Smith"},    {"Jones"},  {"Williams"},  {"Taylor"},  {"Brown"},    {"Davies"},
    {"Evans"},    {"Wilson"}, {"Thomas"},    {"Johnson"}, {"Roberts"},  {"Robinson"},
    {"Thompson"}, {"Wright"}, {"Walker"},    {"White"},   {"Edwards"},  {"Hughes"},
    {"Green"},    {"Hall"},   {"Lewis"},     {"Harris"},  {"Clarke"},   {"Patel"},
    {"Jackson"},  {"Wood"},   {"Turner"},    {"Cooper"},  {"Ward"},     {"Morris"},
    {"Watson"},   {"Khan"},   {"MacDonald"}, {"O'Neill"}, {"Campbell"}, {"Fitzgerald"}};

constexpr Name kAuMale[] = {{"Jack"},  {"Oliver"},   {"William"},  {"Noah"},   {"Thomas"},
                            {"James"}, {"Lachlan"},  {"Cooper"},   {"Riley"},  {"Ethan"},
                            {"Liam"},  {"Harrison"}, {"Mitchell"}, {"Nathan"}, {"Brodie"}};
constexpr Name kAuFemale[] = {{"Charlotte"}, {"Olivia"}, {"Mia"},     {"Chloe"},   {"Emily"},
                              {"Isabella"},  {"Ruby"},   {"Matilda"}, {"Sienna"},  {"Zoe"},
                              {"Jessica"},   {"Kate"},   {"Tahlia"},  {"Georgia"}, {"Hannah"}};
constexpr Name kAuLast[] = {
    {"Smith"},   {"Jones"},  {"Williams"}, {"Brown"},    {"Wilson"},   {"Taylor"},
    {"Johnson"}, {"White"},  {"Martin"},   {"Anderson"}, {"Thompson"}, {"Nguyen"},
    {"Thomas"},  {"Walker"}, {"Harris"},   {"Lee"},      {"Ryan"},     {"Robinson"},
    {"Kelly"},   {"King"},   {"Campbell"}, {"Mitchell"}, {"Young"},    {"O'Connor"},
    {"Murphy"},  {"Chen"},   {"Stewart"},  {"Morgan"},   {"Bell"},     {"Papadopoulos"}};

constexpr Name kCaEnMale[] = {{"Liam"},   {"Noah"},  {"William"}, {"Lucas"},  {"Benjamin"},
                              {"Ethan"},  {"Logan"}, {"Owen"},    {"Jacob"},  {"Ryan"},
                              {"Connor"}, {"Dylan"}, {"Tyler"},   {"Justin"}, {"Wyatt"}};
constexpr Name kCaEnFemale[] = {{"Olivia"}, {"Emma"},      {"Charlotte"}, {"Ava"},
                                {"Sophia"}, {"Amelia"},    {"Chloe"},     {"Abigail"},
                                {"Hannah"}, {"Avery"},     {"Madison"},   {"Brooklyn"},
                                {"Ella"},   {"Mackenzie"}, {"Taylor"}};
constexpr Name kCaEnLast[] = {{"Smith"},    {"Brown"},     {"Tremblay"}, {"Martin"},  {"Roy"},
                              {"Wilson"},   {"MacDonald"}, {"Gagnon"},   {"Johnson"}, {"Taylor"},
                              {"Campbell"}, {"Anderson"},  {"Lee"},      {"Jones"},   {"Leblanc"},
                              {"White"},    {"Williams"},  {"Thompson"}, {"Scott"},   {"Stewart"},
                              {"Wong"},     {"Singh"},     {"Chen"},     {"Young"},   {"Murray"},
                              {"Bouchard"}, {"Ross"},      {"Fraser"},   {"Reid"},    {"Clarke"}};

constexpr Name kCaFrMale[] = {{"Jean"},      {"Luc"},     {"Mathieu"}, {"Olivier"}, {"Félix"},
                              {"Samuel"},    {"Gabriel"}, {"Étienne"}, {"Maxime"},  {"Alexis"},
                              {"Sébastien"}, {"Louis"},   {"Simon"},   {"Jérémie"}, {"Marc-André"}};
constexpr Name kCaFrFemale[] = {{"Marie"},     {"Julie"},     {"Geneviève"}, {"Isabelle"},
                                {"Catherine"}, {"Émilie"},    {"Mélanie"},   {"Chloé"},
                                {"Léa"},       {"Rosalie"},   {"Florence"},  {"Jade"},
                                {"Camille"},   {"Marie-Ève"}, {"Sophie"}};
constexpr Name kCaFrLast[] = {{"Tremblay"}, {"Gagnon"},    {"Roy"},      {"Côté"},     {"Bouchard"},
                              {"Gauthier"}, {"Morin"},     {"Lavoie"},   {"Fortin"},   {"Gagné"},
                              {"Ouellet"},  {"Pelletier"}, {"Bélanger"}, {"Lévesque"}, {"Bergeron"},
                              {"Leblanc"},  {"Paquette"},  {"Girard"},   {"Simard"},   {"Boucher"},
                              {"Caron"},    {"Beaulieu"},  {"Cloutier"}, {"Dubé"},     {"Poirier"},
                              {"Fournier"}, {"Lapointe"},  {"Leclerc"},  {"Lefebvre"}, {"Poulin"}};

constexpr Name kNgMale[] = {{"Chukwuemeka"}, {"Oluwaseun"}, {"Adebayo"},  {"Emeka"},
                            {"Tunde"},       {"Ibrahim"},   {"Musa"},     {"Chinedu"},
                            {"Babajide"},    {"Olumide"},   {"Obinna"},   {"Ifeanyi"},
                            {"Segun"},       {"Kelechi"},   {"Abdullahi"}};
constexpr Name kNgFemale[] = {{"Ngozi"},    {"Chioma"},   {"Funmilayo"}, {"Aisha"},  {"Adaeze"},
                              {"Blessing"}, {"Yetunde"},  {"Amaka"},     {"Folake"}, {"Nneka"},
                              {"Zainab"},   {"Temitope"}, {"Oluwakemi"}, {"Ifeoma"}, {"Precious"}};
constexpr Name kNgLast[] = {{"Okafor"},    {"Adeyemi"},  {"Okonkwo"},  {"Adebayo"},   {"Eze"},
                            {"Nwosu"},     {"Bello"},    {"Ogunleye"}, {"Ibrahim"},   {"Obi"},
                            {"Olawale"},   {"Mohammed"}, {"Abubakar"}, {"Chukwu"},    {"Okeke"},
                            {"Balogun"},   {"Oyelaran"}, {"Nnamdi"},   {"Onyekachi"}, {"Afolabi"},
                            {"Babatunde"}, {"Ogundipe"}, {"Uche"},     {"Usman"},     {"Yusuf"},
                            {"Akinola"},   {"Adewale"},  {"Ezeh"},     {"Olaniyan"},  {"Okoro"}};

constexpr Name kZaMale[] = {{"Thabo"},   {"Sipho"},  {"Johan"}, {"Pieter"}, {"Themba"},
                            {"Bongani"}, {"Mandla"}, {"Sizwe"}, {"Kagiso"}, {"Tshepo"},
                            {"Jacques"}, {"Riaan"},  {"Ruan"},  {"Neo"},    {"Lwazi"}};
constexpr Name kZaFemale[] = {{"Nomvula"}, {"Thandiwe"}, {"Lerato"}, {"Zanele"},   {"Nokuthula"},
                              {"Palesa"},  {"Ayanda"},   {"Naledi"}, {"Busisiwe"}, {"Refilwe"},
                              {"Anneke"},  {"Elize"},    {"Marike"}, {"Charlene"}, {"Precious"}};
constexpr Name kZaLast[] = {
    {"Nkosi"},   {"Dlamini"}, {"Ndlovu"}, {"Khumalo"},       {"Mokoena"},   {"Mahlangu"},
    {"Zulu"},    {"Mthembu"}, {"Botha"},  {"van der Merwe"}, {"Pretorius"}, {"du Plessis"},
    {"Nel"},     {"Venter"},  {"Smit"},   {"Naidoo"},        {"Pillay"},    {"Govender"},
    {"Molefe"},  {"Sithole"}, {"Ngcobo"}, {"Mabaso"},        {"le Roux"},   {"Joubert"},
    {"Coetzee"}, {"Fourie"},  {"Steyn"},  {"van Wyk"},       {"Mkhize"},    {"Cele"}};

// India: most customers of an online store type their name in Latin letters; some in Devanagari.
constexpr Name kInMale[] = {{"Rahul"},    {"Amit"},   {"Arjun"},   {"Karthik"}, {"Venkatesh"},
                            {"Srinivas"}, {"Rohan"},  {"Vikram"},  {"Aditya"},  {"Sanjay"},
                            {"Rajesh"},   {"Harish"}, {"Pradeep"}, {"Suresh"},  {"Nikhil"}};
constexpr Name kInFemale[] = {{"Priya"},     {"Ananya"},  {"Lakshmi"}, {"Divya"},  {"Kavya"},
                              {"Deepa"},     {"Sneha"},   {"Pooja"},   {"Meera"},  {"Shreya"},
                              {"Aishwarya"}, {"Nandini"}, {"Swati"},   {"Anjali"}, {"Radhika"}};
constexpr Name kInLast[] = {
    {"Sharma"},   {"Patel"},       {"Reddy"},     {"Iyer"},     {"Nair"},      {"Gupta"},
    {"Singh"},    {"Kumar"},       {"Rao"},       {"Menon"},    {"Pillai"},    {"Das"},
    {"Banerjee"}, {"Chatterjee"},  {"Mukherjee"}, {"Ghosh"},    {"Bose"},      {"Joshi"},
    {"Mehta"},    {"Shah"},        {"Desai"},     {"Kulkarni"}, {"Deshpande"}, {"Naidu"},
    {"Krishnan"}, {"Subramanian"}, {"Agarwal"},   {"Verma"},    {"Kapoor"},    {"Malhotra"}};

constexpr Name kHiMale[] = {{"राहुल", "Rahul"}, {"अमित", "Amit"},   {"राजेश", "Rajesh"},
                            {"सुरेश", "Suresh"}, {"विजय", "Vijay"},  {"संजय", "Sanjay"},
                            {"अनिल", "Anil"},  {"सुनील", "Sunil"},  {"रवि", "Ravi"},
                            {"अजय", "Ajay"},   {"मनोज", "Manoj"},  {"दीपक", "Deepak"},
                            {"अर्जुन", "Arjun"}, {"विकास", "Vikas"}, {"आदित्य", "Aditya"}};
constexpr Name kHiFemale[] = {{"प्रिया", "Priya"}, {"पूजा", "Pooja"},      {"अंजलि", "Anjali"},
                              {"नेहा", "Neha"},    {"सुनीता", "Sunita"},   {"कविता", "Kavita"},
                              {"रेखा", "Rekha"},   {"सीमा", "Seema"},     {"ज्योति", "Jyoti"},
                              {"दिव्या", "Divya"}, {"आरती", "Aarti"},     {"स्नेहा", "Sneha"},
                              {"मीना", "Meena"},  {"शालिनी", "Shalini"}, {"अनीता", "Anita"}};
constexpr Name kHiLast[] = {
    {"शर्मा", "Sharma"},         {"वर्मा", "Verma"},    {"गुप्ता", "Gupta"},
    {"सिंह", "Singh"},           {"कुमार", "Kumar"},    {"यादव", "Yadav"},
    {"अग्रवाल", "Agarwal"},      {"मिश्रा", "Mishra"},  {"जैन", "Jain"},
    {"पटेल", "Patel"},           {"तिवारी", "Tiwari"}, {"पांडे", "Pandey"},
    {"श्रीवास्तव", "Srivastava"}, {"चौहान", "Chauhan"}, {"त्रिपाठी", "Tripathi"},
    {"सक्सेना", "Saxena"},        {"जोशी", "Joshi"},    {"मेहता", "Mehta"},
    {"शुक्ला", "Shukla"},         {"दुबे", "Dubey"},      {"ठाकुर", "Thakur"},
    {"राठौर", "Rathore"},       {"भाटिया", "Bhatia"}, {"कपूर", "Kapoor"},
    {"मल्होत्रा", "Malhotra"},    {"खन्ना", "Khanna"},   {"चौधरी", "Chaudhary"},
    {"सिन्हा", "Sinha"},         {"बंसल", "Bansal"},    {"गोयल", "Goyal"}};

// ---------------------------------------------------------------------------------------------
// Europe, Latin script.

constexpr Name kDeMale[] = {{"Thomas"}, {"Michael"}, {"Andreas"}, {"Stefan"},     {"Christian"},
                            {"Markus"}, {"Jürgen"},  {"Klaus"},   {"Uwe"},        {"Lukas"},
                            {"Jonas"},  {"Leon"},    {"Felix"},   {"Maximilian"}, {"Jörg"},
                            {"Björn"},  {"Tobias"}};
constexpr Name kDeFemale[] = {{"Sabine"}, {"Petra"}, {"Monika"}, {"Ursula"},    {"Claudia"},
                              {"Andrea"}, {"Julia"}, {"Anna"},   {"Laura"},     {"Lea"},
                              {"Sophie"}, {"Marie"}, {"Jana"},   {"Katharina"}, {"Bärbel"},
                              {"Jördis"}, {"Hannah"}};
constexpr Name kDeLast[] = {
    {"Müller"}, {"Schmidt"}, {"Schneider"}, {"Fischer"}, {"Weber"},   {"Meyer"},      {"Wagner"},
    {"Becker"}, {"Schulz"},  {"Hoffmann"},  {"Schäfer"}, {"Koch"},    {"Bauer"},      {"Richter"},
    {"Klein"},  {"Wolf"},    {"Schröder"},  {"Neumann"}, {"Schwarz"}, {"Zimmermann"}, {"Braun"},
    {"Krüger"}, {"Hofmann"}, {"Hartmann"},  {"Lange"},   {"Schmitt"}, {"Werner"},     {"Krause"},
    {"Meier"},  {"Weiß"},    {"Yılmaz"},    {"Nowak"},   {"Öztürk"},  {"Groß"}};

constexpr Name kFrMale[] = {{"Jean"},   {"Pierre"}, {"Michel"},    {"Philippe"}, {"Nicolas"},
                            {"Julien"}, {"Thomas"}, {"Alexandre"}, {"Antoine"},  {"Louis"},
                            {"Hugo"},   {"Théo"},   {"Mathéo"},    {"François"}, {"Jérôme"},
                            {"Karim"},  {"Loïc"}};
constexpr Name kFrFemale[] = {{"Marie"},  {"Nathalie"}, {"Isabelle"}, {"Sylvie"},  {"Catherine"},
                              {"Sophie"}, {"Camille"},  {"Léa"},      {"Chloé"},   {"Manon"},
                              {"Emma"},   {"Inès"},     {"Céline"},   {"Aurélie"}, {"Hélène"},
                              {"Maëlle"}, {"Océane"}};
constexpr Name kFrLast[] = {
    {"Martin"},   {"Bernard"}, {"Dubois"},   {"Thomas"},  {"Robert"},  {"Richard"},  {"Petit"},
    {"Durand"},   {"Leroy"},   {"Moreau"},   {"Simon"},   {"Laurent"}, {"Lefebvre"}, {"Michel"},
    {"Garcia"},   {"David"},   {"Bertrand"}, {"Roux"},    {"Vincent"}, {"Fournier"}, {"Morel"},
    {"Girard"},   {"André"},   {"Lefèvre"},  {"Mercier"}, {"Dupont"},  {"Lambert"},  {"Bonnet"},
    {"François"}, {"Benali"},  {"Rousseau"}, {"Gaillard"}};

constexpr Name kEsMale[] = {{"Antonio"},   {"Manuel"}, {"José"},   {"Francisco"},
                            {"David"},     {"Javier"}, {"Daniel"}, {"Carlos"},
                            {"Alejandro"}, {"Pablo"},  {"Sergio"}, {"Álvaro"},
                            {"Jorge"},     {"Íñigo"},  {"Adrián"}, {"Jordi"}};
constexpr Name kEsFemale[] = {{"María"},      {"Carmen"}, {"Lucía"},      {"Laura"},
                              {"Marta"},      {"Elena"},  {"Cristina"},   {"Paula"},
                              {"Sara"},       {"Raquel"}, {"Nuria"},      {"Pilar"},
                              {"Montserrat"}, {"Begoña"}, {"Inmaculada"}, {"Ainhoa"}};
constexpr Name kEsLast[] = {
    {"García"}, {"Fernández"}, {"González"}, {"Rodríguez"}, {"López"},  {"Martínez"},  {"Sánchez"},
    {"Pérez"},  {"Gómez"},     {"Martín"},   {"Jiménez"},   {"Ruiz"},   {"Hernández"}, {"Díaz"},
    {"Moreno"}, {"Muñoz"},     {"Álvarez"},  {"Romero"},    {"Alonso"}, {"Gutiérrez"}, {"Navarro"},
    {"Torres"}, {"Domínguez"}, {"Vázquez"},  {"Ramos"},     {"Gil"},    {"Ibáñez"},    {"Serrano"},
    {"Blanco"}, {"Núñez"},     {"Peña"},     {"Castaño"}};

constexpr Name kItMale[] = {{"Giuseppe"},  {"Giovanni"},   {"Antonio"}, {"Mario"},  {"Luigi"},
                            {"Francesco"}, {"Alessandro"}, {"Andrea"},  {"Marco"},  {"Luca"},
                            {"Matteo"},    {"Lorenzo"},    {"Davide"},  {"Nicolò"}, {"Stefano"}};
constexpr Name kItFemale[] = {{"Maria"},  {"Anna"},    {"Giulia"},    {"Francesca"}, {"Sara"},
                              {"Chiara"}, {"Laura"},   {"Valentina"}, {"Alessia"},   {"Federica"},
                              {"Elena"},  {"Martina"}, {"Sofia"},     {"Giorgia"},   {"Paola"}};
constexpr Name kItLast[] = {
    {"Rossi"},   {"Russo"},    {"Ferrari"},  {"Esposito"}, {"Bianchi"},  {"Romano"},  {"Colombo"},
    {"Ricci"},   {"Marino"},   {"Greco"},    {"Bruno"},    {"Gallo"},    {"Conti"},   {"De Luca"},
    {"Mancini"}, {"Costa"},    {"Giordano"}, {"Rizzo"},    {"Lombardi"}, {"Moretti"}, {"Barbieri"},
    {"Fontana"}, {"Santoro"},  {"Mariani"},  {"Rinaldi"},  {"Caruso"},   {"Ferrara"}, {"Galli"},
    {"Martini"}, {"D'Angelo"}, {"Bellini"},  {"Fabbri"}};

constexpr Name kNlMale[] = {{"Jan"},   {"Pieter"}, {"Henk"},  {"Kees"},   {"Willem"},
                            {"Daan"},  {"Sem"},    {"Lucas"}, {"Levi"},   {"Bram"},
                            {"Thijs"}, {"Ruben"},  {"Joost"}, {"Sander"}, {"Bas"}};
constexpr Name kNlFemale[] = {{"Anna"},  {"Maria"},  {"Emma"},    {"Julia"}, {"Sophie"},
                              {"Tessa"}, {"Lotte"},  {"Sanne"},   {"Fleur"}, {"Anouk"},
                              {"Femke"}, {"Ingrid"}, {"Marieke"}, {"Eva"},   {"Noor"}};
constexpr Name kNlLast[] = {
    {"de Jong"},        {"Jansen"},   {"de Vries"},    {"van den Berg"}, {"van Dijk"},
    {"Bakker"},         {"Janssen"},  {"Visser"},      {"Smit"},         {"Meijer"},
    {"de Boer"},        {"Mulder"},   {"de Groot"},    {"Bos"},          {"Vos"},
    {"Peters"},         {"Hendriks"}, {"van Leeuwen"}, {"Dekker"},       {"Brouwer"},
    {"de Wit"},         {"Dijkstra"}, {"Smits"},       {"de Graaf"},     {"van der Meer"},
    {"van der Linden"}, {"Kok"},      {"Jacobs"},      {"de Haan"},      {"Vermeulen"}};

constexpr Name kPlMale[] = {{"Jan"},      {"Piotr"},   {"Krzysztof"}, {"Andrzej"}, {"Tomasz"},
                            {"Paweł"},    {"Michał"},  {"Marcin"},    {"Łukasz"},  {"Jakub"},
                            {"Grzegorz"}, {"Mateusz"}, {"Wojciech"},  {"Kamil"},   {"Szymon"}};
constexpr Name kPlFemale[] = {{"Anna"},      {"Maria"},      {"Katarzyna"}, {"Małgorzata"},
                              {"Agnieszka"}, {"Barbara"},    {"Ewa"},       {"Magdalena"},
                              {"Joanna"},    {"Aleksandra"}, {"Zofia"},     {"Monika"},
                              {"Natalia"},   {"Karolina"},   {"Dorota"}};
constexpr Name kPlLast[] = {
    {"Nowak"},       {"Kowalski"},  {"Wiśniewski"},  {"Wójcik"},   {"Kowalczyk"},  {"Kamiński"},
    {"Lewandowski"}, {"Zieliński"}, {"Szymański"},   {"Woźniak"},  {"Dąbrowski"},  {"Kozłowski"},
    {"Jankowski"},   {"Mazur"},     {"Kwiatkowski"}, {"Krawczyk"}, {"Piotrowski"}, {"Grabowski"},
    {"Nowakowski"},  {"Pawłowski"}, {"Michalski"},   {"Król"},     {"Wieczorek"},  {"Jabłoński"},
    {"Wróbel"},      {"Majewski"},  {"Olszewski"},   {"Stępień"},  {"Jaworski"},   {"Malinowski"}};
constexpr Name kPlLastFemale[] = {
    {"Nowak"},       {"Kowalska"},  {"Wiśniewska"},  {"Wójcik"},   {"Kowalczyk"},  {"Kamińska"},
    {"Lewandowska"}, {"Zielińska"}, {"Szymańska"},   {"Woźniak"},  {"Dąbrowska"},  {"Kozłowska"},
    {"Jankowska"},   {"Mazur"},     {"Kwiatkowska"}, {"Krawczyk"}, {"Piotrowska"}, {"Grabowska"},
    {"Nowakowska"},  {"Pawłowska"}, {"Michalska"},   {"Król"},     {"Wieczorek"},  {"Jabłońska"},
    {"Wróbel"},      {"Majewska"},  {"Olszewska"},   {"Stępień"},  {"Jaworska"},   {"Malinowska"}};

constexpr Name kSeMale[] = {{"Erik"},  {"Lars"}, {"Karl"},   {"Anders"}, {"Johan"},
                            {"Per"},   {"Nils"}, {"Mikael"}, {"Oscar"},  {"William"},
                            {"Lucas"}, {"Hugo"}, {"Elias"},  {"Björn"},  {"Åke"}};
constexpr Name kSeFemale[] = {{"Anna"}, {"Eva"},    {"Maria"},  {"Karin"},  {"Kristina"},
                              {"Lena"}, {"Sara"},   {"Emma"},   {"Elsa"},   {"Alice"},
                              {"Maja"}, {"Ingrid"}, {"Astrid"}, {"Linnéa"}, {"Märta"}};
constexpr Name kSeLast[] = {
    {"Andersson"}, {"Johansson"}, {"Karlsson"},  {"Nilsson"},    {"Eriksson"},   {"Larsson"},
    {"Olsson"},    {"Persson"},   {"Svensson"},  {"Gustafsson"}, {"Pettersson"}, {"Jonsson"},
    {"Jansson"},   {"Hansson"},   {"Bengtsson"}, {"Jönsson"},    {"Lindberg"},   {"Jakobsson"},
    {"Magnusson"}, {"Olofsson"},  {"Lindström"}, {"Lindqvist"},  {"Lindgren"},   {"Axelsson"},
    {"Berg"},      {"Bergström"}, {"Lundberg"},  {"Lind"},       {"Lundgren"},   {"Åberg"}};

constexpr Name kTrMale[] = {{"Mehmet"}, {"Mustafa"}, {"Ahmet"},  {"Ali"},    {"Hüseyin"},
                            {"Hasan"},  {"İbrahim"}, {"İsmail"}, {"Osman"},  {"Yusuf"},
                            {"Murat"},  {"Emre"},    {"Burak"},  {"Çağlar"}, {"Oğuz"}};
constexpr Name kTrFemale[] = {{"Ayşe"}, {"Fatma"}, {"Emine"}, {"Hatice"}, {"Zeynep"},
                              {"Elif"}, {"Merve"}, {"Özlem"}, {"Şule"},   {"Büşra"},
                              {"Gül"},  {"Esra"},  {"Derya"}, {"Ebru"},   {"Yağmur"}};
constexpr Name kTrLast[] = {{"Yılmaz"}, {"Kaya"},     {"Demir"},   {"Şahin"}, {"Çelik"},
                            {"Yıldız"}, {"Yıldırım"}, {"Öztürk"},  {"Aydın"}, {"Özdemir"},
                            {"Arslan"}, {"Doğan"},    {"Kılıç"},   {"Aslan"}, {"Çetin"},
                            {"Kara"},   {"Koç"},      {"Kurt"},    {"Özkan"}, {"Şimşek"},
                            {"Polat"},  {"Özcan"},    {"Korkmaz"}, {"Çakır"}, {"Erdoğan"},
                            {"Yavuz"},  {"Can"},      {"Acar"},    {"Güneş"}, {"Aktaş"}};

// ---------------------------------------------------------------------------------------------
// Latin America.

constexpr Name kBrMale[] = {{"João"},    {"José"},    {"Pedro"},    {"Lucas"},  {"Gabriel"},
                            {"Matheus"}, {"Rafael"},  {"Gustavo"},  {"Felipe"}, {"Bruno"},
                            {"Thiago"},  {"Rodrigo"}, {"Leonardo"}, {"Carlos"}, {"Antônio"}};
constexpr Name kBrFemale[] = {{"Maria"},   {"Ana"},      {"Juliana"}, {"Fernanda"}, {"Camila"},
                              {"Beatriz"}, {"Larissa"},  {"Letícia"}, {"Mariana"},  {"Amanda"},
                              {"Bruna"},   {"Patrícia"}, {"Aline"},   {"Gabriela"}, {"Vitória"}};
constexpr Name kBrLast[] = {
    {"Silva"},     {"Santos"},   {"Oliveira"}, {"Souza"},   {"Rodrigues"},  {"Ferreira"},
    {"Alves"},     {"Pereira"},  {"Lima"},     {"Gomes"},   {"Costa"},      {"Ribeiro"},
    {"Martins"},   {"Carvalho"}, {"Almeida"},  {"Lopes"},   {"Soares"},     {"Fernandes"},
    {"Vieira"},    {"Barbosa"},  {"Rocha"},    {"Dias"},    {"Nascimento"}, {"Andrade"},
    {"Moreira"},   {"Nunes"},    {"Marques"},  {"Machado"}, {"Mendes"},     {"Araújo"},
    {"Conceição"}, {"Magalhães"}};

constexpr Name kMxMale[] = {{"José"},   {"Juan"},      {"Luis"},     {"Carlos"},  {"Jorge"},
                            {"Miguel"}, {"Alejandro"}, {"Fernando"}, {"Ricardo"}, {"Eduardo"},
                            {"Javier"}, {"Francisco"}, {"Diego"},    {"Arturo"},  {"Raúl"}};
constexpr Name kMxFemale[] = {{"María"},    {"Guadalupe"}, {"Juana"},    {"Verónica"},
                              {"Leticia"},  {"Rosa"},      {"Adriana"},  {"Alejandra"},
                              {"Gabriela"}, {"Daniela"},   {"Fernanda"}, {"Ximena"},
                              {"Sofía"},    {"Valeria"},   {"Mariana"}};
constexpr Name kMxLast[] = {{"Hernández"}, {"García"},    {"Martínez"}, {"López"},     {"González"},
                            {"Pérez"},     {"Rodríguez"}, {"Sánchez"},  {"Ramírez"},   {"Cruz"},
                            {"Flores"},    {"Gómez"},     {"Morales"},  {"Vázquez"},   {"Reyes"},
                            {"Jiménez"},   {"Torres"},    {"Díaz"},     {"Gutiérrez"}, {"Ruiz"},
                            {"Mendoza"},   {"Aguilar"},   {"Ortiz"},    {"Moreno"},    {"Castillo"},
                            {"Romero"},    {"Álvarez"},   {"Méndez"},   {"Chávez"},    {"Rivera"},
                            {"Juárez"},    {"Domínguez"}};

// ---------------------------------------------------------------------------------------------
// Asia, native scripts with their usual romanisation (Hepburn, Hanyu Pinyin, Revised
// Romanisation with the spellings people actually use, BGN/PCGN for Cyrillic and Greek).

constexpr Name kJpMale[] = {{"太郎", "Taro"},   {"翔太", "Shota"},   {"大輔", "Daisuke"},
                            {"健太", "Kenta"},  {"拓也", "Takuya"},  {"翔", "Sho"},
                            {"蓮", "Ren"},      {"悠真", "Yuma"},    {"陽翔", "Haruto"},
                            {"大翔", "Hiroto"}, {"健一", "Kenichi"}, {"誠", "Makoto"},
                            {"隆", "Takashi"},  {"浩", "Hiroshi"},   {"直樹", "Naoki"}};
constexpr Name kJpFemale[] = {{"花子", "Hanako"},   {"陽菜", "Hina"},     {"結衣", "Yui"},
                              {"さくら", "Sakura"}, {"美咲", "Misaki"},   {"葵", "Aoi"},
                              {"愛", "Ai"},         {"真由美", "Mayumi"}, {"恵子", "Keiko"},
                              {"由美", "Yumi"},     {"明美", "Akemi"},    {"優子", "Yuko"},
                              {"彩", "Aya"},        {"七海", "Nanami"},   {"莉子", "Riko"}};
constexpr Name kJpLast[] = {
    {"佐藤", "Sato"},      {"鈴木", "Suzuki"},    {"高橋", "Takahashi"}, {"田中", "Tanaka"},
    {"伊藤", "Ito"},       {"渡辺", "Watanabe"},  {"山本", "Yamamoto"},  {"中村", "Nakamura"},
    {"小林", "Kobayashi"}, {"加藤", "Kato"},      {"吉田", "Yoshida"},   {"山田", "Yamada"},
    {"佐々木", "Sasaki"},  {"山口", "Yamaguchi"}, {"松本", "Matsumoto"}, {"井上", "Inoue"},
    {"木村", "Kimura"},    {"林", "Hayashi"},     {"斎藤", "Saito"},     {"清水", "Shimizu"},
    {"山崎", "Yamazaki"},  {"森", "Mori"},        {"池田", "Ikeda"},     {"橋本", "Hashimoto"},
    {"阿部", "Abe"},       {"石川", "Ishikawa"},  {"山下", "Yamashita"}, {"中島", "Nakajima"},
    {"石井", "Ishii"},     {"小川", "Ogawa"}};

constexpr Name kCnMale[] = {{"伟", "Wei"},      {"强", "Qiang"},    {"磊", "Lei"},
                            {"军", "Jun"},      {"洋", "Yang"},     {"勇", "Yong"},
                            {"杰", "Jie"},      {"涛", "Tao"},      {"明", "Ming"},
                            {"超", "Chao"},     {"浩然", "Haoran"}, {"子轩", "Zixuan"},
                            {"宇航", "Yuhang"}, {"俊杰", "Junjie"}, {"建国", "Jianguo"}};
constexpr Name kCnFemale[] = {{"芳", "Fang"},      {"娜", "Na"},       {"敏", "Min"},
                              {"静", "Jing"},      {"丽", "Li"},       {"秀英", "Xiuying"},
                              {"婷", "Ting"},      {"雪", "Xue"},      {"欣怡", "Xinyi"},
                              {"梓涵", "Zihan"},   {"雨桐", "Yutong"}, {"佳怡", "Jiayi"},
                              {"晓燕", "Xiaoyan"}, {"慧", "Hui"},      {"玲", "Ling"}};
constexpr Name kCnLast[] = {{"王", "Wang"},  {"李", "Li"},    {"张", "Zhang"},    {"刘", "Liu"},
                            {"陈", "Chen"},  {"杨", "Yang"},  {"黄", "Huang"},    {"赵", "Zhao"},
                            {"吴", "Wu"},    {"周", "Zhou"},  {"徐", "Xu"},       {"孙", "Sun"},
                            {"马", "Ma"},    {"朱", "Zhu"},   {"胡", "Hu"},       {"郭", "Guo"},
                            {"何", "He"},    {"高", "Gao"},   {"林", "Lin"},      {"罗", "Luo"},
                            {"郑", "Zheng"}, {"梁", "Liang"}, {"谢", "Xie"},      {"宋", "Song"},
                            {"唐", "Tang"},  {"许", "Xu"},    {"韩", "Han"},      {"冯", "Feng"},
                            {"邓", "Deng"},  {"曹", "Cao"},   {"欧阳", "Ouyang"}, {"司马", "Sima"}};

constexpr Name kKrMale[] = {{"민준", "Minjun"},  {"서준", "Seojun"},    {"도윤", "Doyun"},
                            {"예준", "Yejun"},   {"시우", "Siwoo"},     {"하준", "Hajun"},
                            {"지호", "Jiho"},    {"준서", "Junseo"},    {"현우", "Hyunwoo"},
                            {"지훈", "Jihoon"},  {"성민", "Sungmin"},   {"동현", "Donghyun"},
                            {"영호", "Youngho"}, {"상철", "Sangcheol"}, {"재현", "Jaehyun"}};
constexpr Name kKrFemale[] = {{"서연", "Seoyeon"},  {"서윤", "Seoyun"}, {"지우", "Jiwoo"},
                              {"하은", "Haeun"},    {"민서", "Minseo"}, {"지민", "Jimin"},
                              {"수빈", "Subin"},    {"예은", "Yeeun"},  {"지영", "Jiyoung"},
                              {"은지", "Eunji"},    {"수진", "Sujin"},  {"미영", "Miyoung"},
                              {"현정", "Hyunjung"}, {"유진", "Yujin"},  {"혜진", "Hyejin"}};
constexpr Name kKrLast[] = {
    {"김", "Kim"},       {"이", "Lee"},     {"박", "Park"}, {"최", "Choi"}, {"정", "Jung"},
    {"강", "Kang"},      {"조", "Cho"},     {"윤", "Yoon"}, {"장", "Jang"}, {"임", "Lim"},
    {"한", "Han"},       {"오", "Oh"},      {"서", "Seo"},  {"신", "Shin"}, {"권", "Kwon"},
    {"황", "Hwang"},     {"안", "Ahn"},     {"송", "Song"}, {"전", "Jeon"}, {"홍", "Hong"},
    {"유", "Yoo"},       {"고", "Ko"},      {"문", "Moon"}, {"양", "Yang"}, {"손", "Son"},
    {"배", "Bae"},       {"백", "Baek"},    {"허", "Heo"},  {"남", "Nam"},  {"노", "Noh"},
    {"남궁", "Namgung"}, {"선우", "Sunwoo"}};

constexpr Name kThMale[] = {{"สมชาย", "Somchai"}, {"สมศักดิ์", "Somsak"},     {"ประเสริฐ", "Prasert"},
                            {"วิชัย", "Wichai"},    {"สุรชัย", "Surachai"},    {"ธนากร", "Thanakorn"},
                            {"ณัฐพล", "Nattapon"}, {"กิตติ", "Kitti"},        {"อนุชา", "Anucha"},
                            {"ชัยวัฒน์", "Chaiwat"}, {"ปิยะ", "Piya"},         {"วีระ", "Weera"},
                            {"ศักดิ์ชัย", "Sakchai"}, {"พงศกร", "Pongsakorn"}, {"ธีรวัฒน์", "Teerawat"}};
constexpr Name kThFemale[] = {
    {"สมหญิง", "Somying"},  {"สุดารัตน์", "Sudarat"}, {"มาลี", "Malee"},     {"กาญจนา", "Kanchana"},
    {"วันเพ็ญ", "Wanpen"},   {"นภา", "Napa"},       {"อรุณี", "Arunee"},    {"พิมพ์ชนก", "Pimchanok"},
    {"ณัฐธิดา", "Natthida"}, {"ศิริพร", "Siriporn"},  {"รัตนา", "Rattana"},  {"จันทร์เพ็ญ", "Chanpen"},
    {"ปราณี", "Pranee"},    {"วรรณา", "Wanna"},    {"สุภาพร", "Supaporn"}};
constexpr Name kThLast[] = {
    {"สุขใจ", "Sukjai"},          {"ใจดี", "Jaidee"},         {"ศรีสุข", "Srisuk"},
    {"วงศ์สวัสดิ์", "Wongsawat"},    {"แก้วมณี", "Kaewmanee"},    {"บุญมา", "Boonma"},
    {"ทองดี", "Thongdee"},        {"สายทอง", "Saithong"},    {"มั่นคง", "Mankong"},
    {"รุ่งเรือง", "Rungruang"},     {"ศรีวงศ์", "Sriwong"},      {"จันทร์ดี", "Chandee"},
    {"พรหมมา", "Phromma"},       {"สมบูรณ์", "Somboon"},      {"ชัยมงคล", "Chaimongkol"},
    {"ประเสริฐสุข", "Prasertsuk"}, {"วัฒนา", "Wattana"},       {"สุวรรณ", "Suwan"},
    {"เพชรรัตน์", "Petcharat"},    {"ทองคำ", "Thongkham"},    {"อินทร์แก้ว", "Inkaew"},
    {"บุญเรือง", "Boonruang"},     {"แสงทอง", "Saengthong"},  {"ศรีสวัสดิ์", "Srisawat"},
    {"กิตติพันธ์", "Kittiphan"},     {"เจริญผล", "Charoenphon"}, {"มณีรัตน์", "Maneerat"},
    {"พูลสวัสดิ์", "Poonsawat"},     {"นาคสุข", "Naksuk"},       {"ธนสาร", "Thanasarn"}};

// Vietnamese is written in Latin letters with many diacritics; given names often carry a middle
// name ("Văn", "Thị").
constexpr Name kVnMale[] = {{"Minh"},     {"Hùng"},      {"Dũng"},    {"Tuấn"},  {"Hải"},
                            {"Long"},     {"Nam"},       {"Quang"},   {"Thắng"}, {"Khoa"},
                            {"Phúc"},     {"Đức"},       {"Huy"},     {"Sơn"},   {"Bảo"},
                            {"Văn Hùng"}, {"Minh Tuấn"}, {"Quốc Bảo"}};
constexpr Name kVnFemale[] = {{"Linh"},    {"Lan"},      {"Hương"},    {"Thảo"},   {"Trang"},
                              {"Ngọc"},    {"Mai"},      {"Hạnh"},     {"Phương"}, {"Anh"},
                              {"Thủy"},    {"Hà"},       {"Yến"},      {"Nhung"},  {"Vy"},
                              {"Thị Lan"}, {"Ngọc Anh"}, {"Thu Trang"}};
constexpr Name kVnLast[] = {{"Nguyễn"}, {"Trần"},  {"Lê"},    {"Phạm"},  {"Hoàng"}, {"Huỳnh"},
                            {"Phan"},   {"Vũ"},    {"Võ"},    {"Đặng"},  {"Bùi"},   {"Đỗ"},
                            {"Hồ"},     {"Ngô"},   {"Dương"}, {"Lý"},    {"Đinh"},  {"Trịnh"},
                            {"Đào"},    {"Mai"},   {"Cao"},   {"Lâm"},   {"Tô"},    {"Hà"},
                            {"Tạ"},     {"Lương"}, {"Chu"},   {"Quách"}, {"Thái"},  {"Kiều"}};

constexpr Name kIdMale[] = {{"Budi"},   {"Agus"},  {"Andi"},  {"Dedi"},  {"Eko"},
                            {"Hendra"}, {"Rizky"}, {"Fajar"}, {"Adi"},   {"Bambang"},
                            {"Joko"},   {"Yusuf"}, {"Arief"}, {"Dimas"}, {"Reza"}};
constexpr Name kIdFemale[] = {{"Siti"},  {"Sri"},     {"Dewi"},  {"Ayu"},   {"Putri"},
                              {"Rina"},  {"Indah"},   {"Fitri"}, {"Wulan"}, {"Nur"},
                              {"Ratna"}, {"Lestari"}, {"Maya"},  {"Intan"}, {"Kartika"}};
constexpr Name kIdLast[] = {
    {"Santoso"},  {"Wijaya"},    {"Saputra"},   {"Pratama"},     {"Kusuma"},     {"Hidayat"},
    {"Setiawan"}, {"Nugroho"},   {"Susanto"},   {"Gunawan"},     {"Halim"},      {"Siregar"},
    {"Nasution"}, {"Hutapea"},   {"Sihombing"}, {"Lubis"},       {"Harahap"},    {"Wibowo"},
    {"Purnomo"},  {"Suryadi"},   {"Rahman"},    {"Hakim"},       {"Firmansyah"}, {"Permana"},
    {"Utomo"},    {"Kurniawan"}, {"Tanjung"},   {"Simanjuntak"}, {"Sinaga"},     {"Prasetyo"}};

// ---------------------------------------------------------------------------------------------
// Cyrillic and Greek, where most surnames have a female form.

constexpr Name kRuMale[] = {
    {"Александр", "Aleksandr"}, {"Дмитрий", "Dmitry"},  {"Максим", "Maksim"},
    {"Сергей", "Sergey"},       {"Андрей", "Andrey"},   {"Алексей", "Aleksey"},
    {"Иван", "Ivan"},           {"Михаил", "Mikhail"},  {"Артём", "Artyom"},
    {"Никита", "Nikita"},       {"Евгений", "Evgeny"},  {"Владимир", "Vladimir"},
    {"Павел", "Pavel"},         {"Николай", "Nikolay"}, {"Роман", "Roman"}};
constexpr Name kRuFemale[] = {
    {"Анна", "Anna"},           {"Мария", "Maria"},         {"Елена", "Elena"},
    {"Ольга", "Olga"},          {"Наталья", "Natalya"},     {"Татьяна", "Tatyana"},
    {"Ирина", "Irina"},         {"Екатерина", "Ekaterina"}, {"Светлана", "Svetlana"},
    {"Анастасия", "Anastasia"}, {"Юлия", "Yulia"},          {"Дарья", "Darya"},
    {"Ксения", "Ksenia"},       {"Виктория", "Viktoria"},   {"Полина", "Polina"}};
constexpr Name kRuLast[] = {
    {"Иванов", "Ivanov"},     {"Смирнов", "Smirnov"},    {"Кузнецов", "Kuznetsov"},
    {"Попов", "Popov"},       {"Васильев", "Vasiliev"},  {"Петров", "Petrov"},
    {"Соколов", "Sokolov"},   {"Михайлов", "Mikhailov"}, {"Новиков", "Novikov"},
    {"Фёдоров", "Fedorov"},   {"Морозов", "Morozov"},    {"Волков", "Volkov"},
    {"Алексеев", "Alekseev"}, {"Лебедев", "Lebedev"},    {"Семёнов", "Semenov"},
    {"Егоров", "Egorov"},     {"Павлов", "Pavlov"},      {"Козлов", "Kozlov"},
    {"Степанов", "Stepanov"}, {"Николаев", "Nikolaev"},  {"Орлов", "Orlov"},
    {"Андреев", "Andreev"},   {"Макаров", "Makarov"},    {"Никитин", "Nikitin"},
    {"Захаров", "Zakharov"},  {"Зайцев", "Zaitsev"},     {"Соловьёв", "Solovyov"},
    {"Борисов", "Borisov"},   {"Яковлев", "Yakovlev"},   {"Белов", "Belov"}};
constexpr Name kRuLastFemale[] = {
    {"Иванова", "Ivanova"},     {"Смирнова", "Smirnova"},    {"Кузнецова", "Kuznetsova"},
    {"Попова", "Popova"},       {"Васильева", "Vasilieva"},  {"Петрова", "Petrova"},
    {"Соколова", "Sokolova"},   {"Михайлова", "Mikhailova"}, {"Новикова", "Novikova"},
    {"Фёдорова", "Fedorova"},   {"Морозова", "Morozova"},    {"Волкова", "Volkova"},
    {"Алексеева", "Alekseeva"}, {"Лебедева", "Lebedeva"},    {"Семёнова", "Semenova"},
    {"Егорова", "Egorova"},     {"Павлова", "Pavlova"},      {"Козлова", "Kozlova"},
    {"Степанова", "Stepanova"}, {"Николаева", "Nikolaeva"},  {"Орлова", "Orlova"},
    {"Андреева", "Andreeva"},   {"Макарова", "Makarova"},    {"Никитина", "Nikitina"},
    {"Захарова", "Zakharova"},  {"Зайцева", "Zaitseva"},     {"Соловьёва", "Solovyova"},
    {"Борисова", "Borisova"},   {"Яковлева", "Yakovleva"},   {"Белова", "Belova"}};

constexpr Name kUaMale[] = {
    {"Олександр", "Oleksandr"}, {"Андрій", "Andriy"}, {"Дмитро", "Dmytro"},  {"Сергій", "Serhiy"},
    {"Іван", "Ivan"},           {"Микола", "Mykola"}, {"Богдан", "Bohdan"},  {"Тарас", "Taras"},
    {"Володимир", "Volodymyr"}, {"Юрій", "Yuriy"},    {"Максим", "Maksym"},  {"Олег", "Oleh"},
    {"Василь", "Vasyl"},        {"Петро", "Petro"},   {"Віталій", "Vitaliy"}};
constexpr Name kUaFemale[] = {
    {"Олена", "Olena"},       {"Оксана", "Oksana"}, {"Наталія", "Nataliia"},
    {"Тетяна", "Tetiana"},    {"Ірина", "Iryna"},   {"Юлія", "Yuliia"},
    {"Марія", "Mariia"},      {"Анна", "Anna"},     {"Катерина", "Kateryna"},
    {"Світлана", "Svitlana"}, {"Ольга", "Olha"},    {"Людмила", "Liudmyla"},
    {"Галина", "Halyna"},     {"Софія", "Sofiia"},  {"Дарина", "Daryna"}};
// Ukrainian surnames in -енко, -чук, -ук do not change with gender.
constexpr Name kUaLast[] = {{"Шевченко", "Shevchenko"},
                            {"Коваленко", "Kovalenko"},
                            {"Бондаренко", "Bondarenko"},
                            {"Ткаченко", "Tkachenko"},
                            {"Кравченко", "Kravchenko"},
                            {"Олійник", "Oliinyk"},
                            {"Шевчук", "Shevchuk"},
                            {"Поліщук", "Polishchuk"},
                            {"Бойко", "Boiko"},
                            {"Мельник", "Melnyk"},
                            {"Ковальчук", "Kovalchuk"},
                            {"Лисенко", "Lysenko"},
                            {"Марченко", "Marchenko"},
                            {"Руденко", "Rudenko"},
                            {"Савченко", "Savchenko"},
                            {"Петренко", "Petrenko"},
                            {"Левченко", "Levchenko"},
                            {"Харченко", "Kharchenko"},
                            {"Мороз", "Moroz"},
                            {"Кравчук", "Kravchuk"},
                            {"Павленко", "Pavlenko"},
                            {"Клименко", "Klymenko"},
                            {"Гончаренко", "Honcharenko"},
                            {"Романенко", "Romanenko"},
                            {"Карпенко", "Karpenko"},
                            {"Литвиненко", "Lytvynenko"},
                            {"Савчук", "Savchuk"},
                            {"Кузьменко", "Kuzmenko"},
                            {"Мазур", "Mazur"},
                            {"Ткачук", "Tkachuk"}};

constexpr Name kGrMale[] = {
    {"Γιώργος", "Giorgos"},  {"Δημήτρης", "Dimitris"},   {"Κωνσταντίνος", "Konstantinos"},
    {"Γιάννης", "Giannis"},  {"Νίκος", "Nikos"},         {"Παναγιώτης", "Panagiotis"},
    {"Βασίλης", "Vasilis"},  {"Χρήστος", "Christos"},    {"Αθανάσιος", "Athanasios"},
    {"Μιχάλης", "Michalis"}, {"Ευάγγελος", "Evangelos"}, {"Σπύρος", "Spyros"},
    {"Αντώνης", "Antonis"},  {"Ανδρέας", "Andreas"},     {"Θοδωρής", "Thodoris"}};
constexpr Name kGrFemale[] = {
    {"Μαρία", "Maria"},         {"Ελένη", "Eleni"},         {"Αικατερίνη", "Aikaterini"},
    {"Βασιλική", "Vasiliki"},   {"Σοφία", "Sofia"},         {"Αγγελική", "Angeliki"},
    {"Γεωργία", "Georgia"},     {"Δήμητρα", "Dimitra"},     {"Κωνσταντίνα", "Konstantina"},
    {"Παρασκευή", "Paraskevi"}, {"Ευαγγελία", "Evangelia"}, {"Χριστίνα", "Christina"},
    {"Ιωάννα", "Ioanna"},       {"Αναστασία", "Anastasia"}, {"Δέσποινα", "Despoina"}};
constexpr Name kGrLast[] = {{"Παπαδόπουλος", "Papadopoulos"},
                            {"Παπαδάκης", "Papadakis"},
                            {"Γεωργίου", "Georgiou"},
                            {"Οικονόμου", "Oikonomou"},
                            {"Παπανικολάου", "Papanikolaou"},
                            {"Βασιλείου", "Vasileiou"},
                            {"Νικολάου", "Nikolaou"},
                            {"Δημητρίου", "Dimitriou"},
                            {"Κωνσταντίνου", "Konstantinou"},
                            {"Ιωάννου", "Ioannou"},
                            {"Μακρής", "Makris"},
                            {"Αθανασίου", "Athanasiou"},
                            {"Παπαγεωργίου", "Papageorgiou"},
                            {"Χριστοδούλου", "Christodoulou"},
                            {"Αλεξίου", "Alexiou"},
                            {"Πετρίδης", "Petridis"},
                            {"Καραγιάννης", "Karagiannis"},
                            {"Αντωνίου", "Antoniou"},
                            {"Μαυρίδης", "Mavridis"},
                            {"Σταυρόπουλος", "Stavropoulos"},
                            {"Κωστόπουλος", "Kostopoulos"},
                            {"Αναγνώστου", "Anagnostou"},
                            {"Παππάς", "Pappas"},
                            {"Ζαχαρίου", "Zachariou"},
                            {"Λαμπρόπουλος", "Lampropoulos"},
                            {"Μιχαηλίδης", "Michailidis"},
                            {"Παναγιωτόπουλος", "Panagiotopoulos"},
                            {"Σαββίδης", "Savvidis"},
                            {"Κυριακίδης", "Kyriakidis"},
                            {"Χατζηδάκης", "Chatzidakis"}};
constexpr Name kGrLastFemale[] = {{"Παπαδοπούλου", "Papadopoulou"},
                                  {"Παπαδάκη", "Papadaki"},
                                  {"Γεωργίου", "Georgiou"},
                                  {"Οικονόμου", "Oikonomou"},
                                  {"Παπανικολάου", "Papanikolaou"},
                                  {"Βασιλείου", "Vasileiou"},
                                  {"Νικολάου", "Nikolaou"},
                                  {"Δημητρίου", "Dimitriou"},
                                  {"Κωνσταντίνου", "Konstantinou"},
                                  {"Ιωάννου", "Ioannou"},
                                  {"Μακρή", "Makri"},
                                  {"Αθανασίου", "Athanasiou"},
                                  {"Παπαγεωργίου", "Papageorgiou"},
                                  {"Χριστοδούλου", "Christodoulou"},
                                  {"Αλεξίου", "Alexiou"},
                                  {"Πετρίδου", "Petridou"},
                                  {"Καραγιάννη", "Karagianni"},
                                  {"Αντωνίου", "Antoniou"},
                                  {"Μαυρίδου", "Mavridou"},
                                  {"Σταυροπούλου", "Stavropoulou"},
                                  {"Κωστοπούλου", "Kostopoulou"},
                                  {"Αναγνώστου", "Anagnostou"},
                                  {"Παππά", "Pappa"},
                                  {"Ζαχαρίου", "Zachariou"},
                                  {"Λαμπροπούλου", "Lampropoulou"},
                                  {"Μιχαηλίδου", "Michailidou"},
                                  {"Παναγιωτοπούλου", "Panagiotopoulou"},
                                  {"Σαββίδου", "Savvidou"},
                                  {"Κυριακίδου", "Kyriakidou"},
                                  {"Χατζηδάκη", "Chatzidaki"}};

// ---------------------------------------------------------------------------------------------
// Hebrew and Arabic (right-to-left).

constexpr Name kIlMale[] = {{"יוסף", "Yosef"},    {"דוד", "David"},    {"משה", "Moshe"},
                            {"אברהם", "Avraham"}, {"יצחק", "Yitzhak"}, {"יעקב", "Yaakov"},
                            {"דניאל", "Daniel"},  {"אורי", "Uri"},     {"נועם", "Noam"},
                            {"איתי", "Itai"},     {"עומר", "Omer"},    {"אריאל", "Ariel"},
                            {"יונתן", "Yonatan"}, {"אלון", "Alon"},    {"רועי", "Roi"}};
constexpr Name kIlFemale[] = {{"שרה", "Sarah"},  {"רחל", "Rachel"}, {"מיכל", "Michal"},
                              {"נועה", "Noa"},   {"תמר", "Tamar"},  {"יעל", "Yael"},
                              {"מאיה", "Maya"},  {"שירה", "Shira"}, {"אסתר", "Esther"},
                              {"חנה", "Hannah"}, {"רבקה", "Rivka"}, {"ליאת", "Liat"},
                              {"אורית", "Orit"}, {"הדס", "Hadas"},  {"טליה", "Talia"}};
constexpr Name kIlLast[] = {
    {"כהן", "Cohen"},        {"לוי", "Levi"},         {"מזרחי", "Mizrahi"},
    {"פרץ", "Peretz"},       {"ביטון", "Biton"},      {"דהן", "Dahan"},
    {"אברהם", "Avraham"},    {"פרידמן", "Friedman"},  {"אזולאי", "Azoulay"},
    {"מלכה", "Malka"},       {"אוחיון", "Ohayon"},    {"חדד", "Hadad"},
    {"גבאי", "Gabay"},       {"יוסף", "Yosef"},       {"שפירא", "Shapira"},
    {"קליין", "Klein"},      {"גולדברג", "Goldberg"}, {"רוזנברג", "Rosenberg"},
    {"אשכנזי", "Ashkenazi"}, {"בן דוד", "Ben David"}, {"כץ", "Katz"},
    {"ברק", "Barak"},        {"שושן", "Shoshan"},     {"סגל", "Segal"},
    {"וקנין", "Vaknin"},     {"אלון", "Alon"},        {"עמר", "Amar"},
    {"חזן", "Hazan"},        {"נחום", "Nahum"},       {"טל", "Tal"}};

constexpr Name kArMale[] = {{"محمد", "Mohammed"},    {"أحمد", "Ahmed"},  {"علي", "Ali"},
                            {"عمر", "Omar"},         {"خالد", "Khaled"}, {"يوسف", "Youssef"},
                            {"عبدالله", "Abdullah"}, {"حسن", "Hassan"},  {"إبراهيم", "Ibrahim"},
                            {"سعيد", "Saeed"},       {"فهد", "Fahad"},   {"سلطان", "Sultan"},
                            {"طارق", "Tarek"},       {"ماجد", "Majed"},  {"كريم", "Karim"}};
constexpr Name kArFemale[] = {{"فاطمة", "Fatima"},  {"عائشة", "Aisha"}, {"مريم", "Maryam"},
                              {"نور", "Nour"},      {"سارة", "Sara"},   {"ليلى", "Layla"},
                              {"هدى", "Huda"},      {"زينب", "Zainab"}, {"ريم", "Reem"},
                              {"دانة", "Dana"},     {"منى", "Mona"},    {"رنا", "Rana"},
                              {"ياسمين", "Yasmin"}, {"هند", "Hind"},    {"سلمى", "Salma"}};
constexpr Name kArLast[] = {{"العتيبي", "Al-Otaibi"},   {"القحطاني", "Al-Qahtani"},
                            {"الشمري", "Al-Shammari"},  {"الحربي", "Al-Harbi"},
                            {"الدوسري", "Al-Dosari"},   {"الغامدي", "Al-Ghamdi"},
                            {"الزهراني", "Al-Zahrani"}, {"المطيري", "Al-Mutairi"},
                            {"الكعبي", "Al-Kaabi"},     {"المنصوري", "Al-Mansouri"},
                            {"الهاشمي", "Al-Hashimi"},  {"النعيمي", "Al-Nuaimi"},
                            {"السويدي", "Al-Suwaidi"},  {"حسن", "Hassan"},
                            {"إبراهيم", "Ibrahim"},     {"عبد الرحمن", "Abdelrahman"},
                            {"محمود", "Mahmoud"},       {"مصطفى", "Mostafa"},
                            {"السيد", "Elsayed"},       {"عبد الله", "Abdallah"},
                            {"الخطيب", "Al-Khatib"},    {"حداد", "Haddad"},
                            {"النجار", "Al-Najjar"},    {"العلي", "Al-Ali"},
                            {"العنزي", "Al-Enezi"},     {"الرشيد", "Al-Rashid"},
                            {"الفارس", "Al-Fares"},     {"سليمان", "Suleiman"},
                            {"يوسف", "Youssef"},        {"عثمان", "Othman"}};

// ---------------------------------------------------------------------------------------------
// E-mail providers and company patterns.

constexpr SV kGlobalDomains[] = {"gmail.com",   "gmail.com",   "gmail.com",  "yahoo.com",
                                 "outlook.com", "hotmail.com", "icloud.com", "proton.me"};

constexpr SV kUsDomains[] = {"aol.com", "comcast.net", "att.net", "yahoo.com", "gmail.com"};
constexpr SV kGbDomains[] = {"btinternet.com", "sky.com", "yahoo.co.uk", "hotmail.co.uk"};
constexpr SV kAuDomains[] = {"bigpond.com", "optusnet.com.au", "outlook.com.au"};
constexpr SV kCaDomains[] = {"rogers.com", "shaw.ca", "sympatico.ca", "videotron.ca"};
constexpr SV kDeDomains[] = {"web.de", "gmx.de", "t-online.de", "gmx.net", "posteo.de"};
constexpr SV kFrDomains[] = {"orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr"};
constexpr SV kEsDomains[] = {"telefonica.net", "yahoo.es", "hotmail.es"};
constexpr SV kItDomains[] = {"libero.it", "virgilio.it", "alice.it", "tiscali.it"};
constexpr SV kNlDomains[] = {"ziggo.nl", "kpnmail.nl", "live.nl", "hetnet.nl"};
constexpr SV kPlDomains[] = {"wp.pl", "onet.pl", "interia.pl", "o2.pl"};
constexpr SV kSeDomains[] = {"telia.com", "bredband.net", "live.se"};
constexpr SV kTrDomains[] = {"hotmail.com.tr", "yandex.com.tr", "mynet.com"};
constexpr SV kBrDomains[] = {"uol.com.br", "bol.com.br", "terra.com.br", "ig.com.br"};
constexpr SV kMxDomains[] = {"prodigy.net.mx", "hotmail.com", "yahoo.com.mx"};
constexpr SV kInDomains[] = {"rediffmail.com", "yahoo.co.in", "gmail.com"};
constexpr SV kJpDomains[] = {"yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "nifty.com"};
constexpr SV kCnDomains[] = {"qq.com", "163.com", "126.com", "sina.com", "foxmail.com"};
constexpr SV kKrDomains[] = {"naver.com", "daum.net", "hanmail.net", "kakao.com"};
constexpr SV kRuDomains[] = {"yandex.ru", "mail.ru", "rambler.ru", "bk.ru", "list.ru"};
constexpr SV kUaDomains[] = {"ukr.net", "i.ua", "meta.ua"};
constexpr SV kGrDomains[] = {"otenet.gr", "yahoo.gr", "windowslive.com"};
constexpr SV kIlDomains[] = {"walla.co.il", "012.net.il", "bezeqint.net"};
constexpr SV kArDomains[] = {"yahoo.com", "hotmail.com", "live.com", "emirates.net.ae"};
constexpr SV kNgDomains[] = {"yahoo.com", "ymail.com", "hotmail.com"};
constexpr SV kZaDomains[] = {"mweb.co.za", "webmail.co.za", "telkomsa.net"};
constexpr SV kVnDomains[] = {"yahoo.com.vn", "fpt.vn", "vnn.vn"};
constexpr SV kThDomains[] = {"hotmail.co.th", "yahoo.co.th", "truemail.co.th"};
constexpr SV kIdDomains[] = {"yahoo.co.id", "telkom.net", "ymail.com"};

constexpr SV kEnCompanies[] = {"{L} & Sons", "{L} Trading Ltd", "{L} Consulting",
                               "{L} Studio", "{L} Supply Co.",  "{L} Design"};
constexpr SV kUsCompanies[] = {"{L} & Sons LLC",    "{L} Supply Co.",   "{L} Consulting Group",
                               "{L} Design Studio", "{L} Outdoor Inc.", "{L} Brothers"};
constexpr SV kDeCompanies[] = {"{L} GmbH",
                               "{L} & Söhne KG",
                               "{L} Logistik GmbH",
                               "Bäckerei {L}",
                               "{L} Handelsgesellschaft mbH",
                               "Autohaus {L}"};
constexpr SV kFrCompanies[] = {"{L} SARL", "Maison {L}", "{L} & Fils", "Boulangerie {L}",
                               "{L} Conseil SAS"};
constexpr SV kEsCompanies[] = {"{L} S.L.", "Hermanos {L}", "{L} y Asociados", "Talleres {L} S.A."};
constexpr SV kItCompanies[] = {"{L} S.r.l.", "Fratelli {L}", "{L} & Figli S.p.A.", "Studio {L}"};
constexpr SV kNlCompanies[] = {"{L} B.V.", "{L} & Zn.", "Bakkerij {L}", "{L} Groep"};
constexpr SV kPlCompanies[] = {"{L} Sp. z o.o.", "Firma Handlowa {L}", "{L} i Wspólnicy"};
constexpr SV kSeCompanies[] = {"{L} AB", "{L} & Söner", "{L}s Bygg AB"};
constexpr SV kTrCompanies[] = {"{L} Ticaret A.Ş.", "{L} Tekstil Ltd. Şti.", "{L} Gıda"};
constexpr SV kBrCompanies[] = {"{L} Ltda.", "{L} & Filhos", "Comércio {L} Ltda.",
                               "{L} Importação e Exportação"};
constexpr SV kMxCompanies[] = {"{L} S.A. de C.V.", "Distribuidora {L}", "Grupo {L}"};
constexpr SV kInCompanies[] = {"{L} Enterprises", "{L} Traders Pvt Ltd", "{L} & Co.",
                               "{L} Textiles"};
constexpr SV kHiCompanies[] = {"{L} एंटरप्राइजेज", "{L} ट्रेडर्स", "{L} एंड संस"};
constexpr SV kJpCompanies[] = {"株式会社{L}商事", "{L}工業株式会社", "有限会社{L}", "{L}商店"};
constexpr SV kCnCompanies[] = {"{L}氏贸易有限公司", "{L}记商行", "{L}氏科技有限公司"};
constexpr SV kKrCompanies[] = {"(주){L}상사", "{L}무역", "{L}테크 주식회사"};
constexpr SV kRuCompanies[] = {"ООО «{L} и партнёры»", "ИП {L}", "ООО «Торговый дом {L}»"};
constexpr SV kUaCompanies[] = {"ТОВ «{L} Трейд»", "ФОП {L}", "ТОВ «{L} і партнери»"};
constexpr SV kGrCompanies[] = {"{L} Α.Ε.", "{L} & ΣΙΑ Ο.Ε.", "Εμπορική {L} Ε.Π.Ε."};
constexpr SV kIlCompanies[] = {"{L} בע\"מ", "{L} ובניו", "{L} סחר"};
constexpr SV kArCompanies[] = {"مؤسسة {L} التجارية", "شركة {L} للتجارة", "{L} وشركاه"};
constexpr SV kThCompanies[] = {"บริษัท {L} จำกัด", "ห้างหุ้นส่วน {L}", "ร้าน{L}"};
constexpr SV kVnCompanies[] = {"Công ty TNHH {L}", "Cửa hàng {L}", "Công ty Cổ phần {L}"};
constexpr SV kIdCompanies[] = {"PT {L} Jaya", "CV {L}", "Toko {L}"};
constexpr SV kZaCompanies[] = {"{L} (Pty) Ltd", "{L} Trading", "{L} & Associates"};
constexpr SV kNgCompanies[] = {"{L} Ventures Ltd", "{L} & Sons Nigeria", "{L} Global Enterprises"};
constexpr SV kLatinCompanies[] = {"{L} Trading", "{L} International", "{L} & Partners",
                                  "{L} Group"};

// Weights make the US, the UK and Germany the largest markets, as for a typical western store
// that ships worldwide.
constexpr CountryProfile kCountries[] = {
    {"US", "en-US", 160, 0, 0, kUsMale, kUsFemale, kUsLast, {}, kUsDomains, "com", kUsCompanies},
    {"GB", "en-GB", 90, 0, 0, kGbMale, kGbFemale, kGbLast, {}, kGbDomains, "co.uk", kEnCompanies},
    {"DE", "de-DE", 90, 0, 0, kDeMale, kDeFemale, kDeLast, {}, kDeDomains, "de", kDeCompanies},
    {"AT", "de-AT", 10, 0, 0, kDeMale, kDeFemale, kDeLast, {}, kDeDomains, "at", kDeCompanies},
    {"CH", "de-CH", 10, 0, 0, kDeMale, kDeFemale, kDeLast, {}, kDeDomains, "ch", kDeCompanies},
    {"FR", "fr-FR", 50, 0, 0, kFrMale, kFrFemale, kFrLast, {}, kFrDomains, "fr", kFrCompanies},
    {"BE", "fr-BE", 6, 0, 0, kFrMale, kFrFemale, kFrLast, {}, kFrDomains, "be", kFrCompanies},
    {"ES", "es-ES", 30, 0, 50, kEsMale, kEsFemale, kEsLast, {}, kEsDomains, "es", kEsCompanies},
    {"IT", "it-IT", 30, 0, 0, kItMale, kItFemale, kItLast, {}, kItDomains, "it", kItCompanies},
    {"NL", "nl-NL", 22, 0, 0, kNlMale, kNlFemale, kNlLast, {}, kNlDomains, "nl", kNlCompanies},
    {"PL", "pl-PL", 20, 0, 0, kPlMale, kPlFemale, kPlLast, kPlLastFemale, kPlDomains, "pl",
     kPlCompanies},
    {"SE", "sv-SE", 14, 0, 0, kSeMale, kSeFemale, kSeLast, {}, kSeDomains, "se", kSeCompanies},
    {"TR", "tr-TR", 16, 0, 0, kTrMale, kTrFemale, kTrLast, {}, kTrDomains, "com.tr", kTrCompanies},
    {"BR", "pt-BR", 30, 0, 0, kBrMale, kBrFemale, kBrLast, {}, kBrDomains, "com.br", kBrCompanies},
    {"MX", "es-MX", 22, 0, 60, kMxMale, kMxFemale, kMxLast, {}, kMxDomains, "com.mx", kMxCompanies},
    {"IN", "en-IN", 24, 0, 0, kInMale, kInFemale, kInLast, {}, kInDomains, "in", kInCompanies},
    {"IN", "hi-IN", 8, 10, 0, kHiMale, kHiFemale, kHiLast, {}, kInDomains, "in", kHiCompanies},
    {"JP", "ja-JP", 25, 10, 0, kJpMale, kJpFemale, kJpLast, {}, kJpDomains, "co.jp", kJpCompanies},
    {"CN", "zh-CN", 22, 15, 0, kCnMale, kCnFemale, kCnLast, {}, kCnDomains, "cn", kCnCompanies},
    {"KR", "ko-KR", 14, 15, 0, kKrMale, kKrFemale, kKrLast, {}, kKrDomains, "co.kr", kKrCompanies},
    {"RU", "ru-RU", 16, 15, 0, kRuMale, kRuFemale, kRuLast, kRuLastFemale, kRuDomains, "ru",
     kRuCompanies},
    {"UA", "uk-UA", 8, 20, 0, kUaMale, kUaFemale, kUaLast, {}, kUaDomains, "ua", kUaCompanies},
    {"GR", "el-GR", 7, 20, 0, kGrMale, kGrFemale, kGrLast, kGrLastFemale, kGrDomains, "gr",
     kGrCompanies},
    {"IL", "he-IL", 7, 25, 0, kIlMale, kIlFemale, kIlLast, {}, kIlDomains, "co.il", kIlCompanies},
    {"SA", "ar-SA", 8, 30, 0, kArMale, kArFemale, kArLast, {}, kArDomains, "com.sa", kArCompanies},
    {"AE", "ar-AE", 8, 50, 0, kArMale, kArFemale, kArLast, {}, kArDomains, "ae", kArCompanies},
    {"EG", "ar-EG", 7, 30, 0, kArMale, kArFemale, kArLast, {}, kArDomains, "com.eg", kArCompanies},
    {"JO", "ar-JO", 3, 35, 0, kArMale, kArFemale, kArLast, {}, kArDomains, "jo", kArCompanies},
    {"KW", "ar-KW", 3, 35, 0, kArMale, kArFemale, kArLast, {}, kArDomains, "com.kw", kArCompanies},
    {"NG", "en-NG", 8, 0, 0, kNgMale, kNgFemale, kNgLast, {}, kNgDomains, "com.ng", kNgCompanies},
    {"ZA", "en-ZA", 8, 0, 0, kZaMale, kZaFemale, kZaLast, {}, kZaDomains, "co.za", kZaCompanies},
    {"VN", "vi-VN", 8, 0, 0, kVnMale, kVnFemale, kVnLast, {}, kVnDomains, "vn", kVnCompanies},
    {"TH", "th-TH", 8, 20, 0, kThMale, kThFemale, kThLast, {}, kThDomains, "co.th", kThCompanies},
    {"ID", "id-ID", 10, 0, 0, kIdMale, kIdFemale, kIdLast, {}, kIdDomains, "co.id", kIdCompanies},
    {"AU", "en-AU", 18, 0, 0, kAuMale, kAuFemale, kAuLast, {}, kAuDomains, "com.au", kEnCompanies},
    {"CA",
     "en-CA",
     20,
     0,
     0,
     kCaEnMale,
     kCaEnFemale,
     kCaEnLast,
     {},
     kCaDomains,
     "ca",
     kEnCompanies},
    {"CA", "fr-CA", 7, 0, 0, kCaFrMale, kCaFrFemale, kCaFrLast, {}, kCaDomains, "ca", kFrCompanies},
};

constexpr SV kHandleWords[] = {
    "sunny",  "panda",  "tiger",  "blue",   "happy",  "moon",    "star",  "coffee", "pixel",
    "ninja",  "rocket", "lucky",  "green",  "silver", "wolf",    "fox",   "cherry", "mango",
    "storm",  "river",  "shadow", "dragon", "kitty",  "surfer",  "gamer", "nomad",  "maple",
    "cookie", "bear",   "lotus",  "echo",   "north",  "vintage", "urban", "retro",  "ocean"};

constexpr SV kNotes[] = {
    "Prefers delivery after 5 pm.",
    "Asked for an invoice with the company VAT number.",
    "Called about a delayed parcel; a replacement was sent.",
    "Buys at every spring sale.",
    "Wants gift wrapping on every order.",
    "Returned two items in a row; check sizes before shipping.",
    "Met at the trade fair; interested in the wholesale programme.",
    "Contact by phone only, no marketing e-mail.",
    "Pays by bank transfer; allow three working days.",
    "Chargeback on one order, resolved with the bank.",
    "Leave parcels with the neighbour at number 12.",
    "Long-standing customer, offer early access to new collections.",
    "Complained about packaging waste; use paper fillers.",
    "Ordered for a school; needs a quote before each order.",
    "Address changed last year.\nOld orders went to the previous address.",
    "Speaks English and French.\nPrefers answers by e-mail.",
};

}  // namespace

std::span<const CountryProfile> Countries() { return kCountries; }
std::span<const std::string_view> GlobalDomains() { return kGlobalDomains; }
std::span<const std::string_view> LatinCompanies() { return kLatinCompanies; }
std::span<const std::string_view> HandleWords() { return kHandleWords; }
std::span<const std::string_view> Notes() { return kNotes; }

}  // namespace clientele::demo::names
